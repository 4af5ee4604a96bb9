/** Message builders that read like intent. The Amazon texts are the ones the mission's seed article quotes. */

export const AMAZON_OTP_EN =
  "Amazon: 123456 is your sign-in code. For your security, don't share it. Amazon will never contact you to ask for this code.";
export const AMAZON_OTP_JA =
  'Amazon: 123456 はお客様のサインインコードです。セキュリティのため、誰にも共有しないでください。Amazonがこのコードをお尋ねするために、お客様に連絡することは決してありません。';

export function otpMessage(options: { lang: 'en' | 'ja'; withNote?: string }): string {
  const text = options.lang === 'ja' ? AMAZON_OTP_JA : AMAZON_OTP_EN;
  return options.withNote ? `${options.withNote}\n${text}` : text;
}

export function linkLure(options: { domain: string; lang: 'en' | 'ja' }): string {
  return options.lang === 'ja'
    ? `【Amazon】お客様のアカウントを一時停止しました。こちらから確認してください https://${options.domain}/login`
    : `Amazon: your account has been suspended. Verify your details at https://${options.domain}/login`;
}
