import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { composeDetails, composeReply, playbookActions } from '../../../lib/core/compose-reply';
import { measureSms } from '../../../lib/core/sms-encoding';
import { CATEGORIES, LANGS, type Verdict } from '../../../lib/core/types';

const catalog = shippedCatalog();
const brands = [null, ...catalog.brands.keys()];
const verdictFor = (category: Verdict['category'], brand: string | null, lang: Verdict['lang']): Verdict => ({
  category,
  risk: 'high',
  brand,
  lang,
  evidence: [
    { code: 'link_not_official', params: { domain: 'a-rather-long-lookalike-domain.top', brand: brand ?? '' } },
  ],
});

describe('composeReply', () => {
  const cases = CATEGORIES.flatMap((category) =>
    LANGS.flatMap((lang) => brands.map((brand) => [category, lang, brand] as const)),
  );

  it.each(cases)(
    '%s / %s / %s fits 3 segments, keeps whole actions and ends with the hint',
    (category, lang, brand) => {
      const verdict = verdictFor(category, brand, lang);
      const reply = composeReply(verdict, catalog);
      expect(reply.segments).toBeLessThanOrEqual(3);
      expect(measureSms(reply.text).segments).toBe(reply.segments);
      const shown = reply.text.split('\n').filter((line) => /^\d+\. /.test(line));
      expect(shown.length).toBeGreaterThan(0);
      // The actions shown are the playbook's first ones, each whole, in order.
      expect(shown).toEqual(
        playbookActions(verdict, catalog)
          .slice(0, shown.length)
          .map((a, i) => `${i + 1}. ${a}`),
      );
      expect(reply.text.endsWith(catalog.phrases.moreHint[lang])).toBe(true);
    },
  );

  it('drops the last actions rather than cutting one when the budget is small', () => {
    const verdict: Verdict = { ...verdictFor('otp_unsolicited', 'amazon', 'ja'), evidence: [] };
    const reply = composeReply(verdict, catalog, 2);
    expect(reply.segments).toBeLessThanOrEqual(2);
    expect(reply.text).toContain('1. コードは誰にも教えない');
    expect(reply.text).not.toContain('6. ');
  });

  it('cuts a long host from the left, keeping its end and never half a surrogate pair', () => {
    // 12 letters after the pairs: the 39-unit tail would start inside one.
    const host = `${'𐀀'.repeat(30)}amaz0n-jp.cn`;
    const verdict: Verdict = {
      category: 'phishing_link',
      risk: 'high',
      brand: null,
      lang: 'en',
      evidence: [{ code: 'link_unknown', params: { domain: host } }],
    };
    const { text } = composeReply(verdict, catalog);
    expect(text).toContain('…');
    expect(text).toContain('amaz0n-jp.cn');
    expect(text).not.toContain(host);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('gives up the hint before the first action', () => {
    const reply = composeReply(verdictFor('otp_unsolicited', 'amazon', 'ja'), catalog, 2);
    expect(reply.segments).toBeLessThanOrEqual(2);
    expect(reply.text).toContain('1. コードは誰にも教えない');
  });

  it('writes English replies in GSM-7 when the evidence is plain ASCII', () => {
    expect(composeReply(verdictFor('delivery_scam', 'usps', 'en'), catalog).encoding).toBe('GSM-7');
  });

  it('gives the detailed steps as a numbered list', () => {
    const details = composeDetails(verdictFor('otp_unsolicited', 'amazon', 'en'), catalog);
    expect(details.text.split('\n')[0]).toMatch(/^1\. /);
    expect(details.text).toMatch(/Login & security/);
  });
});
