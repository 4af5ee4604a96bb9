import { detectLanguage } from '../../../lib/core/detect-language';

describe('detectLanguage', () => {
  it.each([
    ['Amazon: 123456 はお客様のサインインコードです。', 'ja'],
    ['不在のため持ち帰りました', 'ja'],
    ['ｱﾏｿﾞﾝ', 'ja'],
    ['これ詐欺? Amazon: 123456 is your sign-in code.', 'ja'],
    ['Amazon: 123456 is your sign-in code.', 'en'],
    ['', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
