import type { Catalog } from '../catalog/load-catalog';
import { classify } from './classify';
import { detectLanguage } from './detect-language';
import { extractFeatures } from './extract';
import { normalize } from './normalize';
import { forwardedSender, type SenderIdentity } from './sender';
import type { Features, Verdict } from './types';

export interface Analysis {
  readonly normalized: string;
  readonly features: Features;
  readonly verdict: Verdict;
  /** The scam's sender when the forward quotes it; read before normalisation removes the header. */
  readonly sender: SenderIdentity | null;
}

/**
 * How much of a text is read: Twilio caps a message at 1,600 characters and a forward adds little, so 10,000 is
 * generous; it bounds the time a hostile 64 KiB body can take (and NFKC can multiply characters up to 18-fold).
 */
export const MAX_ANALYZED_CHARS = 10_000;

/** The first `max` UTF-16 units, not ending in half a surrogate pair. */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Text in, verdict out: normalise, detect the language, extract features, classify. Pure and synchronous. */
export function analyzeMessage(text: string, catalog: Catalog): Analysis {
  const normalized = head(normalize(head(text, MAX_ANALYZED_CHARS)), MAX_ANALYZED_CHARS);
  const lang = detectLanguage(normalized);
  const features = extractFeatures(normalized, lang, catalog);
  return { normalized, features, verdict: classify(features, lang, catalog), sender: forwardedSender(text) };
}
