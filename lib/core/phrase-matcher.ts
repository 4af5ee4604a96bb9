/**
 * Finds known phrases in a text with one compiled regular expression. Latin phrases must stand as Latin words
 * ("won", not "wonderful") but may touch Japanese ("Amazonから"); Japanese and punctuation phrases match anywhere,
 * since Japanese has no spaces. Alternatives are plain literals, so matching is linear in the text's length.
 *
 * Matching is case-sensitive: callers pass lower-cased text for lower-cased phrases. Lower-casing once per message
 * and leaving out the `i` and `u` flags made classification about twice as fast.
 */
export interface PhraseMatch {
  readonly phrase: string;
  readonly index: number;
}

export interface PhraseMatcher {
  find(text: string): PhraseMatch[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Basic and extended Latin letters and digits: what makes a Latin word go on.
const WORD_CHAR = 'A-Za-z0-9\\u00C0-\\u024F';
const isLatinWord = (s: string) =>
  new RegExp(`^[${WORD_CHAR}\\s&.,'!?:/+-]+$`).test(s) && new RegExp(`[${WORD_CHAR}]`).test(s);

interface TrieNode {
  end: boolean;
  readonly next: Map<string, TrieNode>;
}

function trieSource(node: TrieNode): string {
  const branches = [...node.next.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([char, child]) => escapeRegExp(char) + trieSource(child));
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
  // Greedy optional: the longer phrase wins ("amazon prime" over "amazon"), the shorter one still matches.
  return node.end ? `(?:${body})?` : body;
}

/**
 * The phrases as a prefix tree in regular-expression form ("am(?:azon(?: prime)?|zn)"): the engine then decides
 * by the next character instead of trying hundreds of alternatives at every position.
 */
function alternation(phrases: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const char of phrase) {
      let child = node.next.get(char);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  return trieSource(root);
}

/** A matcher for `phrases`, matched exactly as written (case-sensitive). */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const latin = phrases.filter(isLatinWord);
  const other = phrases.filter((phrase) => !isLatinWord(phrase));
  const parts: string[] = [];
  if (latin.length > 0) parts.push(`(?<![${WORD_CHAR}])(?:${alternation(latin)})(?![${WORD_CHAR}])`);
  if (other.length > 0) parts.push(`(?:${alternation(other)})`);
  if (parts.length === 0) return { find: () => [] };
  const pattern = new RegExp(parts.join('|'), 'g');
  return {
    find(text) {
      const found: PhraseMatch[] = [];
      for (const match of text.matchAll(pattern)) found.push({ phrase: match[0], index: match.index });
      return found;
    },
  };
}

/** Phrases found per group, in order of appearance. */
export type GroupHits<G extends string> = Record<G, string[]>;

export interface GroupedPhraseMatcher<G extends string> {
  find(text: string): GroupHits<G>;
}

/**
 * One pass for many phrase groups. A phrase found counts for its own groups and for the groups of every phrase
 * it contains ("verification code" also counts as "code"), since the single pass reports only the longer one.
 */
export function groupedPhraseMatcher<G extends string>(
  groups: Readonly<Record<G, readonly string[]>>,
): GroupedPhraseMatcher<G> {
  const names = Object.keys(groups) as G[];
  const groupsOf = new Map<string, Set<G>>();
  for (const name of names) {
    for (const phrase of groups[name]) {
      const set = groupsOf.get(phrase) ?? new Set<G>();
      set.add(name);
      groupsOf.set(phrase, set);
    }
  }
  const phrases = [...groupsOf.keys()];
  const contained = new Map<string, { phrase: string; groups: G[] }[]>();
  for (const outer of phrases) {
    const inner = phrases
      .filter((candidate) => candidate !== outer && outer.includes(candidate))
      .map((candidate) => ({ phrase: candidate, groups: [...(groupsOf.get(candidate) ?? [])] }));
    contained.set(outer, [{ phrase: outer, groups: [...(groupsOf.get(outer) ?? [])] }, ...inner]);
  }
  const matcher = phraseMatcher(phrases);
  return {
    find(text) {
      const hits = Object.fromEntries(names.map((name) => [name, [] as string[]])) as GroupHits<G>;
      for (const match of matcher.find(text)) {
        for (const { phrase, groups: owners } of contained.get(match.phrase) ?? []) {
          for (const owner of owners) hits[owner].push(phrase);
        }
      }
      return hits;
    },
  };
}
