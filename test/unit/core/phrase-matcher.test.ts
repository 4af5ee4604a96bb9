import fc from 'fast-check';
import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { type PhraseMatch, phraseMatcher } from '../../../lib/core/phrase-matcher';
import '../../support/property-seed';

const isWordChar = (char: string | undefined) => char !== undefined && /[A-Za-z0-9\u00C0-\u024F]/.test(char);
const isLatinWordPhrase = (phrase: string) =>
  /^[A-Za-z0-9\u00C0-\u024F\s&.,'!?:/+-]+$/.test(phrase) && /[A-Za-z0-9\u00C0-\u024F]/.test(phrase);

/** Every occurrence of every phrase by plain search, Latin word phrases only where they stand as words. */
function naiveFind(phrases: readonly string[], text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const phrase of new Set(phrases)) {
    if (phrase.length === 0) continue;
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      const standsAlone = !isWordChar(text[at - 1]) && !isWordChar(text[at + phrase.length]);
      if (!isLatinWordPhrase(phrase) || standsAlone) found.push({ phrase, index: at });
    }
  }
  return found.sort((a, b) => a.index - b.index || a.phrase.length - b.phrase.length);
}

// A small alphabet, so that phrases overlap, share prefixes and sit inside one another often.
const char = fc.constantFrom('a', 'b', 'n', ' ', '-', '.', 'é', 'ア', 'マ', 'ン', '1');
const phrase = fc.array(char, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
const text = fc.array(char, { maxLength: 60 }).map((chars) => chars.join(''));

describe('phraseMatcher', () => {
  it('finds exactly what a plain search finds, overlapping occurrences included', () => {
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 25 }), text, (phrases, input) => {
        expect(phraseMatcher(phrases).find(input)).toEqual(naiveFind(phrases, input));
      }),
    );
  });

  it('finds the shipped cues and brand names as a plain search does', () => {
    const catalog = shippedCatalog();
    const cues = Object.values(catalog.cues).flat();
    const aliases = [...catalog.brands.values()].flatMap((brand) => brand.aliases);
    const samples = [
      '【amazon】お客様のアカウントが停止されました。至急ご確認ください',
      'usps: your package is on hold. verify your address within 24 hours or it will be returned',
      'your apple id was locked. sign in to verify: http://apple-id.example',
      'ヤマト運輸よりお荷物のお届けにあがりましたが不在の為持ち帰りました',
    ];
    for (const sample of samples) {
      expect(phraseMatcher(cues).find(sample)).toEqual(naiveFind(cues, sample));
      expect(phraseMatcher(aliases).find(sample)).toEqual(naiveFind(aliases, sample));
    }
  });
});
