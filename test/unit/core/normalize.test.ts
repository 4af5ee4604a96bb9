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
  });

  it('strips forwarding wrappers and quoted headers', () => {
    expect(normalize('Fwd: 転送: From: +81 90 0000 0001\n> Your parcel is waiting')).toBe('Your parcel is waiting');
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
    const once = normalize('Fwd: ＡＢＣ hxxp://x[.]com \u200B\n\n> y');
    expect(normalize(once)).toBe(once);
  });
});
