/**
 * The part of Unicode's confusables table (UTS #39, as the `unhomoglyph` package ships it) that can make a host
 * read as a brand name: the characters whose skeleton is printable ASCII. Every brand name the link check compares
 * against is ASCII (lib/core/link-assessment.ts), so a character whose skeleton is not could never complete a match
 * either way; leaving those 4,500 entries out keeps 50 KB out of every Lambda bundle and a 6,000-way regular
 * expression out of its first request.
 */
export interface LatinConfusablesFile {
  readonly source: string;
  /** One character (one code point) → its skeleton. */
  readonly map: Readonly<Record<string, string>>;
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]+$/;

export function latinConfusables(table: Readonly<Record<string, string>>, source: string): LatinConfusablesFile {
  const map: Record<string, string> = {};
  for (const [from, to] of Object.entries(table)) {
    if (PRINTABLE_ASCII.test(to)) map[from] = to;
  }
  return { source, map };
}
