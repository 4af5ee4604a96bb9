import type { Features } from './types';

/**
 * A small logistic-regression model of "is this a threat", trained by `npm run train` and shipped as data.
 * Features are hashed tokens: Latin words and word pairs, Japanese character pairs, and a few facts about links,
 * numbers and codes. This module is the single definition of those features, used by training and at run time.
 */

export interface ThreatModel {
  /** Number of hash buckets (a power of two). */
  readonly buckets: number;
  readonly bias: number;
  /** Bucket → weight, for the buckets training kept. */
  readonly weights: ReadonlyMap<number, number>;
}

export interface LinkFacts {
  readonly untrusted: number;
  readonly official: number;
}

const JAPANESE_RUN = /[\u3040-\u30FF\u4E00-\u9FFF]+/g;
const MAX_TOKENS = 400;

function lengthBucket(length: number): string {
  return length < 40 ? 's' : length < 100 ? 'm' : length < 200 ? 'l' : 'xl';
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues a 32-bit FNV-1a hash over `text`. */
function fnvUpdate(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** fnvUpdate over text[start, end), without cutting the piece out. */
function fnvRange(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a: stable across runs and platforms, so trained buckets mean the same thing everywhere. */
export function fnv1a(text: string): number {
  return fnvUpdate(FNV_OFFSET, text) >>> 0;
}

const WORD_PREFIX = fnvUpdate(FNV_OFFSET, 'w:');
const NUMBER_TOKENS = Array.from({ length: 13 }, (_, length) => `#${length}`);
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isLowerLatin = (code: number) => code >= 0x61 && code <= 0x7a;
const PAIR_PREFIX = fnvUpdate(FNV_OFFSET, 'b:');
const KANA_PREFIX = fnvUpdate(FNV_OFFSET, 'j:');

/**
 * The hash buckets of the tokens the model sees for a text, each once: Latin words and word pairs, Japanese
 * character pairs, and facts about links, numbers and codes. Tokens are hashed piece by piece ("b:" + previous +
 * "_" + word) rather than built as strings, since this runs for every message.
 */
export function modelBuckets(features: Features, links: LinkFacts, buckets: number): number[] {
  const mask = buckets - 1;
  const found = new Set<number>();
  const add = (hash: number) => found.add((hash >>> 0) & mask);
  let count = 0;
  // Latin words ([a-z]+) and numbers (\d+) of the lower-cased text, scanned by hand: a regex's match objects and
  // the pieces cut out of the text were a fifth of the cost of classifying a message.
  const lower = features.text.toLowerCase();
  // Numbers matter by shape (a 5-digit short code, an 11-digit phone), not by value: "#5", "#11".
  const tokenHash = (hash: number, start: number, end: number) =>
    isDigit(lower.charCodeAt(start))
      ? fnvUpdate(hash, NUMBER_TOKENS[Math.min(end - start, 12)] ?? '')
      : fnvRange(hash, lower, start, end);
  let previousStart = -1;
  let previousEnd = -1;
  for (let i = 0; i < lower.length; ) {
    const code = lower.charCodeAt(i);
    const inToken = isDigit(code) ? isDigit : isLowerLatin(code) ? isLowerLatin : null;
    if (inToken === null) {
      i++;
      continue;
    }
    if (++count > MAX_TOKENS) break;
    let end = i + 1;
    while (end < lower.length && inToken(lower.charCodeAt(end))) end++;
    add(tokenHash(WORD_PREFIX, i, end));
    if (previousStart >= 0) {
      add(tokenHash(fnvUpdate(tokenHash(PAIR_PREFIX, previousStart, previousEnd), '_'), i, end));
    }
    previousStart = i;
    previousEnd = end;
    i = end;
  }
  for (const match of features.text.matchAll(JAPANESE_RUN)) {
    const run = match[0];
    for (let i = 0; i + 1 < run.length && count < MAX_TOKENS; i++, count++) {
      add(Math.imul(Math.imul(KANA_PREFIX ^ run.charCodeAt(i), FNV_PRIME) ^ run.charCodeAt(i + 1), FNV_PRIME));
    }
  }
  const fact = (token: string) => add(fnvUpdate(FNV_OFFSET, token));
  fact(`m:len:${lengthBucket(features.text.length)}`);
  if (features.links.length > 0) fact('m:link');
  if (links.untrusted > 0) fact('m:link:untrusted');
  if (links.official > 0) fact('m:link:official');
  for (const link of features.links) {
    fact(`m:tld:${link.publicSuffix ?? 'ip'}`);
    if (link.isIp) fact('m:link:ip');
  }
  for (const phone of features.phoneNumbers) fact(`m:phone:${phone.type ?? 'unknown'}`);
  if (features.codes.length > 0) fact('m:code');
  if (features.brands.length > 0) fact('m:brand');
  if (/[£$€¥]|円/.test(features.text)) fact('m:money');
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < features.text.length; i++) {
    const code = features.text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) capitals++;
    else if (!isLowerLatin(code)) continue;
    letters++;
  }
  if (letters >= 10 && capitals / letters > 0.4) fact('m:caps');
  return [...found];
}

/** Probability that the text is a threat, per the model, from its buckets (modelBuckets). */
export function threatProbability(model: ThreatModel, buckets: readonly number[]): number {
  let score = model.bias;
  for (const bucket of buckets) score += model.weights.get(bucket) ?? 0;
  return 1 / (1 + Math.exp(-score));
}
