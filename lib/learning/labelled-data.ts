import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { normalize } from '../core/normalize';
import { fnv1a } from '../core/threat-model';
import { CATEGORIES, type Category, type Lang } from '../core/types';

/** One labelled text. `category` is known for our own fixtures; the public data sets only say threat or not. */
export interface LabelledText {
  readonly id: string;
  readonly text: string;
  readonly threat: boolean;
  readonly category: Category | null;
  readonly lang: Lang;
  readonly source: 'fixture' | 'synthetic' | 'public';
}

const PublicRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  label: z.enum(['ham', 'spam', 'smishing']),
  duplicate_of: z.string().nullable(),
});

const FixtureRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  category: z.enum(CATEGORIES),
  lang: z.enum(['ja', 'en']),
  threat: z.boolean(),
});

function readJsonl<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
      return parsed.data;
    });
}

export const REPO_ROOT = join(__dirname, '..', '..');
export const FIXTURE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'messages');

/** Where the shared public data sets are: SHARED_DATA_DIR, else ../shared/data beside the repository. */
export function sharedDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SHARED_DATA_DIR ?? join(REPO_ROOT, '..', 'shared', 'data');
}

/** Our own labelled texts (real-world.jsonl for evaluation, synthetic-train.jsonl for training). */
export function loadFixtures(file: string, source: 'fixture' | 'synthetic'): LabelledText[] {
  return readJsonl(join(FIXTURE_DIR, file), FixtureRowSchema).map((row) => ({
    id: row.id,
    text: row.text,
    threat: row.threat,
    category: row.category,
    lang: row.lang,
    source,
  }));
}

/**
 * The two public English corpora, merged and de-duplicated on the normalised text (Mishra & Soni copy most of UCI).
 * Texts labelled both ham and spam somewhere are dropped: their label is a coin toss.
 */
export function loadPublicData(dir = sharedDataDir()): LabelledText[] {
  const files = ['uci_sms_spam_collection.jsonl', 'mishra_soni_sms_phishing.jsonl'].map((name) => join(dir, name));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`public data not found: ${missing.join(', ')} (set SHARED_DATA_DIR)`);
  const byText = new Map<string, { id: string; text: string; labels: Set<boolean> }>();
  for (const file of files) {
    for (const row of readJsonl(file, PublicRowSchema)) {
      const key = normalize(row.text).toLowerCase();
      const entry = byText.get(key) ?? { id: row.id, text: row.text, labels: new Set<boolean>() };
      entry.labels.add(row.label !== 'ham');
      byText.set(key, entry);
    }
  }
  return [...byText.values()]
    .filter((entry) => entry.labels.size === 1)
    .map((entry) => ({
      id: entry.id,
      text: entry.text,
      threat: entry.labels.has(true),
      category: null,
      lang: 'en' as const,
      source: 'public' as const,
    }));
}

/** A fixed 80/20 split by a hash of the id, so training never sees the evaluation texts and reruns agree. */
export function isHeldOut(item: LabelledText): boolean {
  return fnv1a(item.id) % 5 === 0;
}
