import { normalize } from '../../../lib/core/normalize';

describe('normalize', () => {
  it('folds full-width letters and digits (NFKC)', () => {
    expect(normalize('ＡＭＡＺＯＮ １２３４５６')).toBe('AMAZON 123456');
  });

  it('removes zero-width and bidi controls that split brand names and domains', () => {
    expect(normalize('ama\u200Bzon\u202E.co\u200D.jp')).toBe('amazon.co.jp');
  });

  it('restores defanged links', () => {
    expect(normalize('hxxps://amaz0n-jp[.]top/login and evil(dot)com')).toBe(
      'https://amaz0n-jp.top/login and evil.com',
    );
    expect(normalize('Track it at usps-parcels (dot) info')).toBe('Track it at usps-parcels.info');
    expect(normalize(normalize('evil [ (.) ] com'))).toBe(normalize('evil [ (.) ] com'));
    expect(normalize('write to help(at)outlook.com or help [at] outlook[.]com')).toBe(
      'write to help@outlook.com or help@outlook.com',
    );
  });

  it('strips forwarding wrappers and quoted headers', () => {
    expect(normalize('Fwd: 転送: From: +81 90 0000 0001\n> Your parcel is waiting')).toBe('Your parcel is waiting');
  });

  it('keeps a line that only starts like a header: a sender name fits in 64 characters, a message does not', () => {
    const pasted =
      'From: NETFLIX. MSG: We were unable to process the monthly Netflix payment for May and the account is suspended.';
    expect(normalize(pasted)).toBe(pasted);
    expect(normalize(`From: ${'x'.repeat(64)}\nhello`)).toBe('hello');
    expect(normalize(`From: ${'x'.repeat(65)}\nhello`)).toBe(`From: ${'x'.repeat(65)}\nhello`);
  });

  it("drops a subject's label but keeps its words, which are part of the lure", () => {
    expect(normalize('Fwd: Subject: Your parcel is on hold\n> From: +44 7700 900123\nPay the fee')).toBe(
      'Your parcel is on hold\nPay the fee',
    );
    expect(normalize('件名: 【重要】お支払い方法の確認')).toBe('【重要】お支払い方法の確認');
  });

  it('folds runs of spaces and blank lines', () => {
    expect(normalize('  a \t b\u3000c\n\n\n d  ')).toBe('a b c\nd');
  });

  it('drops Unicode noncharacters, which no reply could quote (found by the property test)', () => {
    expect(normalize('\uFFFExn--80ak6aa92e.com \uFDD0a\uFFFFb')).toBe('xn--80ak6aa92e.com ab');
  });

  it('strips every level of quoting and quoted headers at any depth', () => {
    expect(normalize('> > hello\n> > From: +81 90 1234 5678\n>> world')).toBe('hello\nworld');
  });

  it('strips quote levels and forward prefixes in any order, so a second pass finds none (found by the property test)', () => {
    expect(normalize('> Fwd: ')).toBe('');
    expect(normalize('> Fwd: > 転送: hello\nFwd: > world')).toBe('hello\nworld');
    expect(normalize('trip: report')).toBe('trip: report');
  });

  it('replaces lone surrogates instead of throwing', () => {
    expect(normalize('a\uD800b')).toBe('a\uFFFDb');
  });

  it('is idempotent', () => {
    for (const text of [
      'Fwd: ＡＢＣ hxxp://x[.]com \u200B\n\n> y',
      `From:${' '.repeat(10)}${'x'.repeat(60)} \ny`,
      'Subject: Subject: From: x\ny',
    ]) {
      const once = normalize(text);
      expect(normalize(once)).toBe(once);
    }
  });
});
