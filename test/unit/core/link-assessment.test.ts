import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { extractLinks } from '../../../lib/core/extract';
import { assessLink } from '../../../lib/core/link-assessment';

const catalog = shippedCatalog();
const assess = (url: string, claimed: string | null = null) => {
  const [link] = extractLinks(url, catalog).links;
  if (!link) throw new Error(`no link in ${url}`);
  return assessLink(link, claimed, catalog);
};

describe('assessLink', () => {
  it.each([
    ['https://www.amazon.co.jp/gp/your-orders', 'amazon', 'official', 'amazon', null],
    ['https://www.jp-bank.japanpost.jp/', 'japan-post-bank', 'official', 'japan-post-bank', null],
    ['https://amaz0n-jp.top/login', 'amazon', 'lookalike', 'amazon', 'misspelling'],
    ['https://xn--mazon-3ve.com/', null, 'lookalike', 'amazon', 'confusable'],
    ['https://amazon.co.jp.secure-login.top/', null, 'lookalike', 'amazon', 'subdomain'],
    ['https://amazon-security-center.com/', null, 'lookalike', 'amazon', 'name'],
    ['https://paypa1.com/signin', null, 'lookalike', 'paypal', 'misspelling'],
    ['https://rakutem.co/login', null, 'lookalike', 'rakuten', 'misspelling'],
    ['https://verify-account.top/rakuten/login', null, 'lookalike', 'rakuten', 'path'],
    ['https://bit.ly/3xYz', 'amazon', 'shortener', null, null],
    ['https://amazon-co-jp.translate.goog/', 'amazon', 'redirect', null, null],
    ['https://login-amazon.web.app/', 'amazon', 'free_hosting', null, null],
    ['http://45.12.3.7/login', 'amazon', 'ip', null, null],
    ['https://www.apple.com/', 'amazon', 'other_brand', 'apple', null],
    ['https://example-shop.top/', 'sagawa', 'unknown', null, null],
    ['https://www.skymark.co.jp/ja/flight-status/', null, 'restricted', null, null],
    ['https://www.city.yokohama.lg.jp/kurashi/', null, 'restricted', null, null],
    ['https://alerts.weather.gov/warnings', null, 'restricted', null, null],
    // A text that claims a registry brand is not vouched for by some other organisation's site.
    ['https://www.skymark.co.jp/', 'amazon', 'unknown', null, null],
    // A brand's name in a vetted suffix is still an imitation.
    ['https://amazon-support.co.jp/', null, 'lookalike', 'amazon', 'name'],
  ])('%s (text names %s) is %s', (url, claimed, kind, brand, imitation) => {
    expect(assess(url, claimed)).toMatchObject({ kind, brand, imitation });
  });

  it('takes the domain named exactly like the signature, under an established suffix, for the sender site', () => {
    const [united] = extractLinks('https://www.united.com/flight-status', catalog).links;
    const [cheap] = extractLinks('https://united.top/flight-status', catalog).links;
    if (!united || !cheap) throw new Error('no link');
    expect(assessLink(united, null, catalog, 'United').kind).toBe('sender_site');
    expect(assessLink(united, null, catalog, 'Delta').kind).toBe('unknown');
    expect(assessLink(cheap, null, catalog, 'United').kind).toBe('unknown');
    const [hyphenated] = extractLinks('https://unit-ed.com/trip', catalog).links;
    if (!hyphenated) throw new Error('no link');
    expect(assessLink(hyphenated, null, catalog, 'United').kind).toBe('unknown');
  });
});
