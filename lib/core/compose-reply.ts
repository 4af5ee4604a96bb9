import type { Catalog } from '../catalog/load-catalog';
import { measuredReply, measureSms } from './sms-encoding';
import type { ComposedReply, Evidence, Lang, Verdict } from './types';

export const DEFAULT_SEGMENT_BUDGET = 3;

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => params[name] ?? whole);
}

function brandParams(brandId: string | null, lang: Lang, catalog: Catalog): { brand: string; checkVia: string } {
  const brand = brandId === null ? undefined : catalog.brands.get(brandId);
  return brand
    ? { brand: brand.name[lang], checkVia: brand.checkVia[lang] }
    : { brand: catalog.phrases.unknownBrand[lang], checkVia: catalog.phrases.unknownCheckVia[lang] };
}

/** Longer parameters (a scammer's 60-letter host) are cut from the left: a domain's end is the part that tells. */
const MAX_PARAM_LENGTH = 40;
function shortened(value: string): string {
  if (value.length <= MAX_PARAM_LENGTH) return value;
  const tail = value.slice(-(MAX_PARAM_LENGTH - 1));
  // Never half a surrogate pair: a lone one cannot be sent.
  return `…${/^[\uDC00-\uDFFF]/.test(tail) ? tail.slice(1) : tail}`;
}

/** One evidence item said in the reply language; a brand id becomes the brand's name and its own notice. */
export function renderEvidence(evidence: Evidence, lang: Lang, catalog: Catalog): string {
  const template = catalog.evidence[evidence.code]?.[lang] ?? evidence.code;
  const params: Record<string, string> = Object.fromEntries(
    Object.entries(evidence.params).map(([name, value]) => [name, shortened(value)]),
  );
  if (evidence.params.brand !== undefined) {
    const brand = catalog.brands.get(evidence.params.brand);
    params.brand = brandParams(brand ? brand.id : null, lang, catalog).brand;
    if (brand?.notice) params.notice = brand.notice[lang];
  }
  return fill(template, params);
}

/** The verdict's playbook actions, most important first, filled in for its brand and language. */
export function playbookActions(verdict: Verdict, catalog: Catalog): string[] {
  const params = brandParams(verdict.brand, verdict.lang, catalog);
  const playbook = catalog.playbookFor(verdict.category, verdict.brand);
  return playbook.actions.map((action) => fill(action[verdict.lang], params));
}

const numbered = (lines: readonly string[]) => lines.map((line, index) => `${index + 1}. ${line}`);

/**
 * The first SMS reply: the verdict with its main reason, then as many whole actions as fit the segment budget
 * (most important first), then how to get the detailed steps.
 */
export function composeReply(
  verdict: Verdict,
  catalog: Catalog,
  budget: number = DEFAULT_SEGMENT_BUDGET,
): ComposedReply {
  const { lang } = verdict;
  const params = brandParams(verdict.brand, lang, catalog);
  const playbook = catalog.playbookFor(verdict.category, verdict.brand);
  const reason = verdict.evidence[0] ? ` ${renderEvidence(verdict.evidence[0], lang, catalog)}` : '';
  const verdictLine = fill(playbook.verdict[lang], params);
  const footer = catalog.phrases.moreHint[lang];
  const actions = playbookActions(verdict, catalog);

  const fits = (lines: readonly string[]) => measureSms(lines.join('\n')).segments <= budget;
  // The reason goes only if even the verdict with its reason cannot fit (a reason built from very long input).
  const headline = fits([`${verdictLine}${reason}`]) ? `${verdictLine}${reason}` : verdictLine;
  const longestPrefix = (tail: readonly string[]) => {
    let count = 0;
    while (count < actions.length && fits([headline, ...numbered(actions.slice(0, count + 1)), ...tail])) count++;
    return count;
  };
  // The hint is worth less than the first action: drop it before dropping every action.
  const withHint = longestPrefix([footer]);
  const lines =
    withHint > 0 || actions.length === 0
      ? [headline, ...numbered(actions.slice(0, withHint)), ...(fits([headline, footer]) ? [footer] : [])]
      : [headline, ...numbered(actions.slice(0, longestPrefix([])))];
  return measuredReply(lines.join('\n'));
}

/** The detailed, numbered steps for a follow-up message (not bound by the first reply's budget). */
export function composeDetails(verdict: Verdict, catalog: Catalog): ComposedReply {
  const params = brandParams(verdict.brand, verdict.lang, catalog);
  const playbook = catalog.playbookFor(verdict.category, verdict.brand);
  return measuredReply(numbered(playbook.details.map((step) => fill(step[verdict.lang], params))).join('\n'));
}
