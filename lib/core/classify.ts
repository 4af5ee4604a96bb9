import type { Catalog } from '../catalog/load-catalog';
import { domainStanding, imitatedBrand, officialOwner } from './domain-standing';
import type { Category, Evidence, Features, Lang, Risk, Verdict } from './types';

function hasCue(lowerText: string, catalog: Catalog, cue: string): boolean {
  return (catalog.cues[cue] ?? []).some((phrase) => lowerText.includes(phrase));
}

/** The brand a text is about: the first one it names, else one its links belong to or imitate. */
function primaryBrand(features: Features, catalog: Catalog): string | null {
  const named = features.brands[0]?.brandId;
  if (named) return named;
  for (const link of features.links) {
    const brand = officialOwner(link, catalog) ?? imitatedBrand(link, catalog);
    if (brand) return brand;
  }
  return null;
}

const RISK: Record<Category, Risk> = {
  otp_unsolicited: 'medium',
  otp_share_request: 'high',
  phishing_link: 'high',
  delivery_scam: 'high',
  payment_or_billing_scam: 'high',
  account_alert_scam: 'high',
  prize_or_refund_scam: 'high',
  impersonation_chat: 'medium',
  callback_scam: 'high',
  legit_notification: 'low',
  signin_help: 'low',
  other: 'low',
};

function verdict(category: Category, brand: string | null, lang: Lang, evidence: Evidence[]): Verdict {
  return { category, risk: RISK[category], brand, lang, evidence };
}

/** Explainable verdict for a normalised text: each rule that fires leaves an evidence code. */
export function classify(features: Features, lang: Lang, catalog: Catalog): Verdict {
  const lower = features.text.toLowerCase();
  const brand = primaryBrand(features, catalog);
  const brandParam = brand ?? '';
  const hasCode = features.codes.length > 0;
  const looksLikeCodeMessage = hasCode && hasCue(lower, catalog, 'otp');

  if ((hasCode || hasCue(lower, catalog, 'otp')) && hasCue(lower, catalog, 'otpShareRequest')) {
    return verdict('otp_share_request', brand, lang, [{ code: 'otp_share_asked', params: {} }]);
  }

  const linkEvidence: Evidence[] = [];
  let untrustedLink = false;
  for (const link of features.links) {
    const standing = domainStanding(link, brand, catalog);
    if (standing === 'official') {
      linkEvidence.push({ code: 'link_official', params: { domain: link.registrableDomain, brand: brandParam } });
    } else {
      untrustedLink = true;
      linkEvidence.unshift(
        brand === null
          ? { code: 'link_unknown', params: { domain: link.registrableDomain } }
          : { code: 'link_not_official', params: { domain: link.registrableDomain, brand: brandParam } },
      );
    }
  }

  if (untrustedLink) return verdict('phishing_link', brand, lang, linkEvidence);
  if (looksLikeCodeMessage) {
    return verdict('otp_unsolicited', brand, lang, [
      { code: 'otp_code_unrequested', params: { brand: brandParam } },
      ...linkEvidence,
    ]);
  }
  if (linkEvidence.length > 0) return verdict('legit_notification', brand, lang, linkEvidence);
  return verdict('other', brand, lang, [{ code: 'no_known_pattern', params: {} }]);
}
