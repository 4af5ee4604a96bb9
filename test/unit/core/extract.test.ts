import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { emailIn, extractFeatures, extractLinks, findBrandMentions, findCodes } from '../../../lib/core/extract';
import { normalize } from '../../../lib/core/normalize';

const catalog = shippedCatalog();
const links = (text: string) => extractLinks(normalize(text), catalog).links;

describe('links', () => {
  it('finds links with and without a scheme, with their registrable domain and public suffix', () => {
    expect(links('see https://www.amazon.co.jp/gp/css and amaz0n-jp.top/login.')).toEqual([
      expect.objectContaining({ host: 'www.amazon.co.jp', registrableDomain: 'amazon.co.jp', publicSuffix: 'co.jp' }),
      expect.objectContaining({ host: 'amaz0n-jp.top', registrableDomain: 'amaz0n-jp.top', publicSuffix: 'top' }),
    ]);
  });

  it('stops a link at Japanese text that touches it', () => {
    expect(links('こちらhttps://sagawa-xq.top/aにアクセス')[0]?.host).toBe('sagawa-xq.top');
  });

  it('shows punycode hosts in Unicode', () => {
    expect(links('https://xn--mazon-3ve.com/login')[0]?.host).toBe('аmazon.com');
  });

  it('reads a capital after a full stop with no space as a new sentence, not a domain label', () => {
    expect(links('mot de passe Amazon.Ne le partagez pas')).toEqual([]);
    expect(links('Open the link.It expires tonight')).toEqual([]);
    expect(links('visit AMAZON-HELP.CO.JP now')[0]?.registrableDomain).toBe('amazon-help.co.jp');
    expect(links('Pay at Toll-Pay.Com/fee')[0]?.registrableDomain).toBe('toll-pay.com');
  });

  it('reads a merchant named in capitals on a card alert as a name, and a capitalised look-alike still as a link', () => {
    expect(links('Did you attempt a $642.18 purchase at BESTBUY.COM with card ending 4417?')).toEqual([]);
    expect(links('Charge of 3,980 yen at AMAZON.CO.JP')).toEqual([]);
    expect(links('Pay the fee at USPS.TOP today')[0]?.registrableDomain).toBe('usps.top');
    expect(links('Visit WWW.BESTBUY.COM')[0]?.registrableDomain).toBe('bestbuy.com');
    expect(links('Track at bestbuy.com')[0]?.registrableDomain).toBe('bestbuy.com');
  });

  it("finds a registry organisation's site that is a public suffix itself, written without a scheme", () => {
    expect(links('Book your flu jab at nhs.uk/flu today.')[0]).toMatchObject({
      host: 'nhs.uk',
      registrableDomain: 'nhs.uk',
    });
    expect(links('See gov.uk/vehicle-tax')[0]?.host).toBe('gov.uk');
    // Any other bare public suffix is still no link.
    expect(links('the co.uk and go.jp suffixes')).toEqual([]);
  });

  it('finds a link glued to the word before it', () => {
    expect(links('Click:http://23.254.215.52 to apply')[0]?.host).toBe('23.254.215.52');
    expect(links('here>https://usps-fee.top/p')[0]?.registrableDomain).toBe('usps-fee.top');
    // A link that carries a redirect target is still itself, not its target.
    expect(links('Verify: amazon-verify.top/login?next=https://www.amazon.co.jp')[0]?.registrableDomain).toBe(
      'amazon-verify.top',
    );
  });

  it('recognises IP-literal hosts', () => {
    expect(links('http://45.12.3.7/login')[0]).toMatchObject({ isIp: true, host: '45.12.3.7' });
  });

  it('restores defanged links first', () => {
    expect(links('hxxps://evil[.]top/x')[0]?.registrableDomain).toBe('evil.top');
  });

  it('does not take words joined by a full stop for links', () => {
    expect(links('I am just reaching home.love u a lot. Ya had just now.onion roast')).toEqual([]);
    expect(links("Sorry.it's my mistake, i will ask and send you.my mom is out")).toEqual([]);
    expect(links('see example.de or shop-x.jp')).toHaveLength(2);
  });

  it('does not take e-mail addresses for links, but finds them', () => {
    expect(links('mail taro@example.co.jp')).toEqual([]);
    expect(emailIn('taro@example.co.jp,')).toBe('taro@example.co.jp');
    expect(emailIn('https://user@example.com/')).toBeNull();
    expect(emailIn('example.co.jp')).toBeNull();
    expect(emailIn('E-mail:taro@example.co.jp')).toBe('taro@example.co.jp');
    expect(emailIn('mailto:hanako@example.com.')).toBe('hanako@example.com');
    expect(emailIn('TO\uFFFDprize.desk@outlook.com')).toBe('prize.desk@outlook.com');
    // An address at a webmail domain is no link to that domain; a link with an @ in it is still a link.
    expect(links('send it TO\uFFFDprize.desk@outlook.com')).toEqual([]);
    expect(links('Photos: photos-share.top/@anna')[0]?.registrableDomain).toBe('photos-share.top');
    expect(emailIn('usps-fee.top/?id=taro@gmail.com')).toBeNull();
    expect(links('usps-fee.top/?id=taro@gmail.com')[0]?.registrableDomain).toBe('usps-fee.top');
    expect(extractLinks(normalize('Email refunds.desk@gmail.com or see https://x.top'), catalog).emails).toEqual([
      'refunds.desk@gmail.com',
    ]);
  });
});

describe('codes and phone numbers', () => {
  it('finds one-time codes but not digits inside phone numbers or links', () => {
    const text = 'G-482913 is your code. Call 090-1234-5678 or see https://x.top/12345678';
    const features = extractFeatures(text, 'en', catalog);
    expect(features.codes).toEqual(['482913']);
  });

  it('reads phone numbers with country and type', () => {
    const jp = extractFeatures('お問い合わせは 0120-123-456 または 090-1234-5678 まで', 'ja', catalog).phoneNumbers;
    expect(jp).toEqual([
      { text: '0120-123-456', country: 'JP', type: 'TOLL_FREE', e164: '+81120123456', start: 8, end: 20 },
      { text: '090-1234-5678', country: 'JP', type: 'MOBILE', e164: '+819012345678', start: 25, end: 38 },
    ]);
    const uk = extractFeatures('Call +44 9061 701461 now to claim', 'en', catalog).phoneNumbers;
    expect(uk[0]).toMatchObject({ country: 'GB', type: 'PREMIUM_RATE', e164: '+449061701461' });
  });

  it('stops trying candidates in a degenerate run of digits, keeping a number found before it', () => {
    const text = `お問い合わせは 090-1234-5678 まで ${'1 '.repeat(900)}`;
    const phones = extractFeatures(text, 'ja', catalog).phoneNumbers;
    expect(phones.map((p) => p.text)).toEqual(['090-1234-5678']);
  });

  it("does not take a short number to call for a code, nor a company's short name inside a domain for a mention", () => {
    expect(extractFeatures('If unsure, call the ScamShield Helpline at 1799.', 'en', catalog).codes).toEqual([]);
    expect(extractFeatures('Your code is 4821. Call us on 1799 if it was not you.', 'en', catalog).codes).toEqual([
      '4821',
    ]);
    expect(extractFeatures('Book online at greencrossvets.com.au', 'en', catalog).brands).toEqual([]);
    expect(extractFeatures('Details at brighton-hove.gov.uk', 'en', catalog).brands).toEqual([]);
    expect(extractFeatures('Your bill for Feb 2026 is ready.', 'en', catalog).codes).toEqual([]);
    expect(extractFeatures('au PAYでお支払いください', 'ja', catalog).brands.map((b) => b.brandId)).toEqual([
      'au-kddi',
    ]);
  });

  it("does not take a card's last digits for a code", () => {
    expect(findCodes('Your card ending 4410 was used. Code 482913', [])).toEqual(['482913']);
    expect(findCodes('カード末尾1234のご利用 / card ending in 9876 / ****5521', [])).toEqual([]);
  });

  it('does not take dates, amounts or times for codes, but keeps a code after a colon or before a comma', () => {
    expect(findCodes('ご利用日2026/11/20、ご利用金額3,280円、2026年、¥5400、$1250.00', [])).toEqual([]);
    expect(findCodes('確認コード:482913です', [])).toEqual(['482913']);
    expect(findCodes('Your code is 4821, it expires soon', [])).toEqual(['4821']);
  });

  it('splits 3+3 codes', () => {
    expect(findCodes('your code: 123 456', [])).toEqual(['123456']);
  });

  it('finds codes blanked out with 4 to 8 of one mark, but not kisses, card masks or longer rules', () => {
    expect(findCodes('確認コード○○○○○○です', [])).toEqual(['○○○○○○']);
    expect(findCodes('code: XXXXXX, pin ****', [])).toEqual(['XXXXXX', '****']);
    expect(findCodes('love you xxxx', [])).toEqual([]);
    expect(findCodes('card ****1234', [])).not.toContain('****');
    expect(findCodes('XXX pics', [])).toEqual([]);
    expect(findCodes('*********', [])).toEqual([]);
  });
});

describe('brand mentions', () => {
  it('finds brands in Japanese and English, in order, each once', () => {
    expect(findBrandMentions('【佐川急便】お荷物… Amazonからのご注文 アマゾン', catalog).map((m) => m.brandId)).toEqual(
      ['sagawa', 'amazon'],
    );
  });

  it('finds a Latin name touching Japanese text but not inside a longer word', () => {
    expect(findBrandMentions('Amazonから連絡', catalog).map((m) => m.brandId)).toEqual(['amazon']);
    expect(findBrandMentions('an amazonian parrot', catalog)).toEqual([]);
  });
});
