import { redact } from '../../../lib/core/redact';

describe('redact', () => {
  it('masks one-time codes', () => {
    const masked = redact("Amazon: 123456 is your sign-in code. Don't share it.", 'en');
    expect(masked).not.toContain('123456');
    expect(masked).toContain('Amazon: ****** is your sign-in code.');
  });

  it('masks split and prefixed codes', () => {
    expect(redact('Your code is 123 456', 'en')).not.toMatch(/123|456/);
    expect(redact('G-482913 is your Google verification code', 'en')).not.toContain('482913');
  });

  it('masks a number the numbering plans did not place by its shape', () => {
    expect(redact('お電話は(415) 555-0132まで', 'ja')).toBe('お電話は(***) ***-****まで');
  });

  it('masks Japanese and international phone numbers completely', () => {
    const masked = redact('090-1234-5678 または +1 415 555 2671 に電話', 'ja');
    expect(masked).not.toMatch(/1234|5678|415|555|2671/);
  });

  it('masks the local part of e-mail addresses and keeps the domain', () => {
    expect(redact('reply to taro.yamada@example.co.jp now', 'en')).toBe('reply to ***@example.co.jp now');
    expect(redact('Write to E-mail:taro.yamada@example.co.jp', 'en')).toBe('Write to E-mail:***@example.co.jp');
    expect(redact('a@x.com;b@y.com', 'en')).toBe('***@x.com;***@y.com');
    expect(redact('usps-fee.top/p?u=taro.yamada@gmail.com', 'en')).toBe('usps-fee.top/p?u=***@*****.***');
    expect(redact("o'brien@gmail.com taro#1@gmail.com", 'en')).toBe('***@gmail.com ***@gmail.com');
    expect(redact('taro@gmail.com@evil.top', 'en')).not.toContain('taro');
  });

  it('keeps hosts and wording that operators need', () => {
    expect(redact('お荷物のお届けにあがりました https://sagawa-xx.top/track', 'ja')).toBe(
      'お荷物のお届けにあがりました https://sagawa-xx.top/track',
    );
  });

  it('masks long digit runs inside links (tracking ids, tokens)', () => {
    expect(redact('https://evil.top/t/98765432', 'en')).toBe('https://evil.top/t/********');
  });

  it('masks personal tokens in link paths, query values and fragments, and keeps host and path shape', () => {
    expect(redact('Pay here: https://sagawa-xq.top/track/aB3xK9pQ?id=u12345&lang=ja#tok', 'en')).toBe(
      'Pay here: https://sagawa-xq.top/track/********?id=******&lang=**#***',
    );
    expect(redact('http://amaz0n.top/ap/signin', 'en')).toBe('http://amaz0n.top/ap/signin');
  });
});
