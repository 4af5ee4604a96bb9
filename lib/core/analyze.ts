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

/** Text in, verdict out: normalise, detect the language, extract features, classify. Pure and synchronous. */
export function analyzeMessage(text: string, catalog: Catalog): Analysis {
  const normalized = normalize(text);
  const lang = detectLanguage(normalized);
  const features = extractFeatures(normalized, lang, catalog);
  return { normalized, features, verdict: classify(features, lang, catalog), sender: forwardedSender(text) };
}
