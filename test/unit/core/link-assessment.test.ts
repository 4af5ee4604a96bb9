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
  ])('%s (text names %s) is %s', (url, claimed, kind, brand, imitation) => {
    expect(assess(url, claimed)).toMatchObject({ kind, brand, imitation });
  });
});
