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

/**
 * One goto edge's key: the node and the UTF-16 code unit it reads. Exact for any node count; below 2^15 nodes (the cues
 * make ~3,400) the keys are also small integers, which maps look up fastest.
 */
const edgeKey = (node: number, code: number) => node * 0x10000 + code;
const ASCII = 0x80;

/**
 * A matcher for `phrases`, matched exactly as written. Built on the first message of a cold start, so the automaton
 * is kept flat: all goto edges in one map keyed by (node, code unit), failure links computed level by level from each
 * node's parent, and phrase lists only on the nodes where a phrase ends. (A map and a list per node took 10-20 ms for
 * the cues' ~3,400 nodes.)
 */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const unique = [...new Set(phrases)].filter((phrase) => phrase.length > 0);
  const bounded = unique.map((phrase) => LATIN_WORD_PHRASE.test(phrase) && HAS_WORD_CHAR.test(phrase));
  // The trie: goto edges, and for each node its parent, the code unit that leads to it, and the phrases ending there.
  const edges = new Map<number, number>();
  const parentOf: number[] = [0];
  const codeOf: number[] = [0];
  const output: (number[] | undefined)[] = [undefined];
  const levels: number[][] = [];
  unique.forEach((phrase, index) => {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const code = phrase.charCodeAt(i);
      let next = edges.get(edgeKey(node, code));
      if (next === undefined) {
        next = parentOf.length;
        parentOf.push(node);
        codeOf.push(code);
        output.push(undefined);
        edges.set(edgeKey(node, code), next);
        const level = levels[i];
        if (level) level.push(next);
        else levels[i] = [next];
      }
      node = next;
    }
    output[node] = [...(output[node] ?? []), index];
  });
  // Failure links, shallowest nodes first: a node's link is found from its parent's, which is one level up.
  const failure = new Int32Array(parentOf.length);
  for (const level of levels) {
    for (const node of level) {
      const parent = parentOf[node] ?? 0;
      const code = codeOf[node] ?? 0;
      let target: number | undefined;
      if (parent !== 0) {
        let f = failure[parent] ?? 0;
        target = edges.get(edgeKey(f, code));
        while (target === undefined && f !== 0) {
          f = failure[f] ?? 0;
          target = edges.get(edgeKey(f, code));
        }
      }
      failure[node] = target ?? 0;
      const inherited = output[failure[node] ?? 0];
      if (inherited) output[node] = [...(output[node] ?? []), ...inherited];
    }
  }

  // ASCII transitions as a complete table (the automaton's DFA, failure links folded in): most of an English text
  // is ASCII, and one typed-array read per character is far cheaper than map lookups along a failure chain. Rows are
  // filled shallowest first, so the row of a node's failure link, always shallower, is complete when it is copied.
  // Other code units (Japanese) walk the map, from a flat table of the root's edges.
  const size = parentOf.length * ASCII;
  const asciiNext = parentOf.length <= 0xffff ? new Uint16Array(size) : new Int32Array(size);
  const fromRoot = new Int32Array(0x10000);
  const linkChild = (child: number) => {
    const code = codeOf[child] ?? 0;
    if (code < ASCII) asciiNext[(parentOf[child] ?? 0) * ASCII + code] = child;
  };
  for (const child of levels[0] ?? []) {
    fromRoot[codeOf[child] ?? 0] = child;
    linkChild(child);
  }
  levels.forEach((level, depth) => {
    for (const node of level) {
      const row = (failure[node] ?? 0) * ASCII;
      asciiNext.copyWithin(node * ASCII, row, row + ASCII);
    }
    for (const child of levels[depth + 1] ?? []) linkChild(child);
  });

  return {
    find(text) {
      const found: PhraseMatch[] = [];
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < ASCII) {
          node = asciiNext[node * ASCII + code] ?? 0;
        } else {
          let next = node === 0 ? undefined : edges.get(edgeKey(node, code));
          while (next === undefined && node !== 0) {
            node = failure[node] ?? 0;
            if (node !== 0) next = edges.get(edgeKey(node, code));
          }
          node = next ?? fromRoot[code] ?? 0;
        }
        const ending = output[node];
        if (ending === undefined) continue;
        for (const index of ending) {
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
