import type { Lang } from './types';

// Hiragana, katakana (full and half width), CJK ideographs and the Japanese punctuation block.
const JAPANESE_SCRIPT = /[\u3000-\u303F\u3040-\u309F\u30A0-\u30FF\u31F0-\u31FF\u4E00-\u9FFF\uFF66-\uFF9F]/;

/** Japanese when the text contains any Japanese script, otherwise English. */
export function detectLanguage(text: string): Lang {
  return JAPANESE_SCRIPT.test(text) ? 'ja' : 'en';
}
