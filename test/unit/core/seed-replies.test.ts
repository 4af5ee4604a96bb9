import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../../lib/core/analyze';
import { composeReply } from '../../../lib/core/compose-reply';
import { linkLure, otpMessage } from '../../support/messages';

const catalog = shippedCatalog();
const reply = (text: string) => {
  const { verdict } = analyzeMessage(text, catalog);
  return { verdict, reply: composeReply(verdict, catalog) };
};

describe('the seed case: an unrequested Amazon sign-in code', () => {
  it('in English: says someone tried to sign in and lists the six actions in order', () => {
    const { verdict, reply: r } = reply(otpMessage({ lang: 'en' }));
    expect(verdict).toMatchObject({ category: 'otp_unsolicited', brand: 'amazon', lang: 'en' });
    expect(verdict.risk).not.toBe('low');
    const lines = r.text.split('\n');
    expect(lines[0]).toMatch(/tried to sign in to your Amazon account.*password may be known/);
    expect(lines.slice(1, 7)).toEqual([
      expect.stringMatching(/^1\. Don't share the code/),
      expect.stringMatching(/^2\. Change your Amazon password \(Account > Login & security\)/),
      expect.stringMatching(/^3\. .*passkey.*2-step verification/),
      expect.stringMatching(/^4\. Check orders and payment history/),
      expect.stringMatching(/^5\. Sign out of all devices/),
      expect.stringMatching(/^6\. .*contact Amazon customer service.*official/),
    ]);
    expect(r.encoding).toBe('GSM-7');
    expect(r.segments).toBeLessThanOrEqual(3);
    expect(r.text).not.toContain('123456');
    expect(r.text).toMatchSnapshot();
  });

  it('in Japanese: the same advice in Japanese', () => {
    const { verdict, reply: r } = reply(otpMessage({ lang: 'ja' }));
    expect(verdict).toMatchObject({ category: 'otp_unsolicited', brand: 'amazon', lang: 'ja' });
    const lines = r.text.split('\n');
    expect(lines[0]).toMatch(/Amazonアカウントへのサインインを試みました.*パスワード/);
    expect(lines.slice(1, 7)).toEqual([
      expect.stringMatching(/^1\. コードは誰にも教えない/),
      expect.stringMatching(/^2\. パスワード変更\(ログインとセキュリティ\)/),
      expect.stringMatching(/^3\. パスキーと2段階認証/),
      expect.stringMatching(/^4\. 注文・支払い履歴/),
      expect.stringMatching(/^5\. 全端末からサインアウト/),
      expect.stringMatching(/^6\. .*公式アプリ/),
    ]);
    expect(r.segments).toBeLessThanOrEqual(3);
    expect(r.text).toMatchSnapshot();
  });

  it('answers in Japanese when the English code text comes with a Japanese note', () => {
    const { verdict } = reply(otpMessage({ lang: 'en', withNote: 'これは本物ですか?' }));
    expect(verdict).toMatchObject({ category: 'otp_unsolicited', brand: 'amazon', lang: 'ja' });
  });
});

describe('a link to a domain that is not the brand’s', () => {
  it.each(['en', 'ja'] as const)('(%s) names the domain in the reason', (lang) => {
    const { verdict, reply: r } = reply(linkLure({ domain: 'amaz0n-jp.top', lang }));
    expect(verdict).toMatchObject({ category: 'account_alert_scam', brand: 'amazon', lang, risk: 'high' });
    expect(verdict.evidence[0]).toEqual({
      code: 'link_lookalike_misspelling',
      params: { domain: 'amaz0n-jp.top', brand: 'amazon' },
    });
    expect(r.text.split('\n')[0]).toContain('amaz0n-jp.top');
    expect(r.text).toMatchSnapshot();
  });

  it('calls a link to the brand’s own domain genuine', () => {
    const { verdict } = reply('Amazon: your order has shipped. Track it at https://www.amazon.co.jp/gp/your-orders');
    expect(verdict).toMatchObject({ category: 'legit_notification', risk: 'low', brand: 'amazon' });
  });
});

describe('unclear messages', () => {
  it.each(['', '   ', 'See you at 7?', '\uD800'])('%j is "other", low risk, with a reply', (text) => {
    const { verdict, reply: r } = reply(text);
    expect(verdict).toMatchObject({ category: 'other', risk: 'low' });
    expect(r.text.length).toBeGreaterThan(0);
  });
});
