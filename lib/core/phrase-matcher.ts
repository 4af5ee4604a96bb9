/**
 * Finds known phrases in a text in one left-to-right pass (Aho–Corasick over UTF-16 code units), so the cost
 * grows with the text, not with the number of phrases. Every occurrence is reported, overlapping ones included
 * ("verification code" and "code"). Latin phrases must stand as Latin words ("won", not "wonderful") but may
 * touch Japanese ("Amazonから"); Japanese and punctuation phrases match anywhere, since Japanese has no spaces.
 *
 * Matching is case-sensitive: callers pass lower-cased text for lower-cased phrases.
 */
export interface PhraseMatch {
  readonly phrase: string;
  readonly index: number;
}

export interface PhraseMatcher {
  find(text: string): PhraseMatch[];
}

const isWordChar = (code: number) =>
  (code >= 0x30 && code <= 0x39) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0xc0 && code <= 0x24f);

const LATIN_WORD_PHRASE = /^[A-Za-z0-9\u00C0-\u024F\s&.,'!?:/+-]+$/;
const HAS_WORD_CHAR = /[A-Za-z0-9\u00C0-\u024F]/;

/** A matcher for `phrases`, matched exactly as written. */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const unique = [...new Set(phrases)].filter((phrase) => phrase.length > 0);
  const bounded = unique.map((phrase) => LATIN_WORD_PHRASE.test(phrase) && HAS_WORD_CHAR.test(phrase));
  // The automaton: goto edges per node, failure links, and the phrases that end at each node.
  const edges: Map<number, number>[] = [new Map()];
  const output: number[][] = [[]];
  unique.forEach((phrase, index) => {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const code = phrase.charCodeAt(i);
      let next = edges[node]?.get(code);
      if (next === undefined) {
        next = edges.length;
        edges.push(new Map());
        output.push([]);
        edges[node]?.set(code, next);
      }
      node = next;
    }
    output[node]?.push(index);
  });
  const failure = new Int32Array(edges.length);
  const queue: number[] = [...(edges[0]?.values() ?? [])];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] ?? 0;
    for (const [code, child] of edges[node] ?? []) {
      let f = failure[node] ?? 0;
      while (f !== 0 && !edges[f]?.has(code)) f = failure[f] ?? 0;
      const target = edges[f]?.get(code);
      failure[child] = target !== undefined && target !== child ? target : 0;
      output[child]?.push(...(output[failure[child] ?? 0] ?? []));
      queue.push(child);
    }
  }

  return {
    find(text) {
      const found: PhraseMatch[] = [];
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        let next = edges[node]?.get(code);
        while (next === undefined && node !== 0) {
          node = failure[node] ?? 0;
          next = edges[node]?.get(code);
        }
        node = next ?? 0;
        for (const index of output[node] ?? []) {
          const phrase = unique[index] ?? '';
          const start = i - phrase.length + 1;
          if (
            bounded[index] &&
            ((start > 0 && isWordChar(text.charCodeAt(start - 1))) || isWordChar(text.charCodeAt(i + 1)))
          ) {
            continue;
          }
          found.push({ phrase, index: start });
        }
      }
      return found.sort((a, b) => a.index - b.index);
    },
  };
}

/** Phrases found per group, in order of appearance; a group that found nothing is absent. */
export type GroupHits<G extends string> = ReadonlyMap<G, readonly string[]>;

export interface GroupedPhraseMatcher<G extends string> {
  find(text: string): GroupHits<G>;
}

/** One pass for many phrase groups; a phrase in several groups counts for each. */
export function groupedPhraseMatcher<G extends string>(
  groups: Readonly<Record<G, readonly string[]>>,
): GroupedPhraseMatcher<G> {
  const groupsOf = new Map<string, G[]>();
  for (const name of Object.keys(groups) as G[]) {
    for (const phrase of groups[name]) groupsOf.set(phrase, [...(groupsOf.get(phrase) ?? []), name]);
  }
  const matcher = phraseMatcher([...groupsOf.keys()]);
  return {
    find(text) {
      const hits = new Map<G, string[]>();
      for (const match of matcher.find(text)) {
        for (const owner of groupsOf.get(match.phrase) ?? []) {
          const list = hits.get(owner);
          if (list) list.push(match.phrase);
          else hits.set(owner, [match.phrase]);
        }
      }
      return hits;
    },
  };
}
