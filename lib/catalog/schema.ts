import { CATEGORIES } from '../core/types';
import * as z from '../zod-mini';

/** A string of at least `min` characters. */
const text = (min = 1) => z.string().check(z.minLength(min));

/** An array of at least one item. */
const nonEmpty = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.minLength(1));

/** Every string a person reads exists in both languages; a missing one fails validation, not a reply. */
export const LocalizedSchema = z.strictObject({ en: text(), ja: text() });

const MARKETS = ['JP', 'US', 'GB', 'AU', 'CA', 'NZ', 'SG'] as const;
const SECTORS = [
  'ecommerce',
  'telecom',
  'delivery',
  'bank',
  'card',
  'payment',
  'government',
  'toll',
  'streaming',
  'tech',
  'social',
  'utility',
  'travel',
] as const;

const lowerCase = (min: number) =>
  z.string().check(
    z.refine((s) => s === s.toLowerCase(), 'must be lower-case'),
    z.minLength(min),
  );

export const BrandSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id')),
  name: LocalizedSchema,
  aliases: nonEmpty(lowerCase(2)),
  exactAliases: z.optional(z.array(text(2))),
  sector: z.enum(SECTORS),
  markets: nonEmpty(z.enum(MARKETS)),
  officialDomains: nonEmpty(lowerCase(3)),
  /** Numbers the company publishes for customers to call, in E.164 ("+18008693557"): calling them is safe. */
  officialPhones: z.optional(z.array(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'E.164 number')))),
  /** Where the real company says to check, as a noun phrase: "Check via {checkVia}" / 「{checkVia}で確認」. */
  checkVia: LocalizedSchema,
  /** What the real company says it never does by SMS, when it says so (e.g. no links to sign in). */
  notice: z.optional(LocalizedSchema),
});

/**
 * Where each brand's facts come from (brand-sources.json), kept apart from brands.json: the classifier never reads
 * them, so they stay out of the Lambda bundles. A unit test keeps both files' brands the same.
 */
export const BrandSourcesFileSchema = z.strictObject({
  /** Pages consulted (URLs) and notes on how a domain was judged ("note: …"). */
  sources: z.record(z.string(), nonEmpty(z.string().check(z.minLength(10)))),
});

export const BrandsFileSchema = z.strictObject({ brands: nonEmpty(BrandSchema) }).check(
  z.superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.brands.forEach((brand, index) => {
      if (seen.has(brand.id)) ctx.addIssue({ code: 'custom', path: ['brands', index, 'id'], message: 'duplicate id' });
      seen.add(brand.id);
    });
  }),
);

const CategorySchema = z.enum(CATEGORIES);

export const PlaybookSchema = z.strictObject({
  category: CategorySchema,
  /** A brand-specific override; null is the category's default. */
  brand: z.nullable(z.string()),
  /** First line of the reply; may use {brand}. */
  verdict: LocalizedSchema,
  /** Short actions for the first reply, most important first. */
  actions: nonEmpty(LocalizedSchema),
  /** Detailed numbered steps for a follow-up. */
  details: nonEmpty(LocalizedSchema),
});

export const PlaybooksFileSchema = z.strictObject({
  playbooks: nonEmpty(PlaybookSchema),
  /** What operators read for each category (API labels, dashboard, CLI); every category has one. */
  categoryNames: z.record(CategorySchema, LocalizedSchema),
  /** How each evidence code is said to a person; parameters in {braces}. */
  evidence: z.record(z.string(), LocalizedSchema),
  /** Fixed phrases of the reply composer. */
  phrases: z.strictObject({
    /** Last line of a first reply: how to ask for the detailed steps. */
    moreHint: LocalizedSchema,
    /** Stands in for {brand} when no brand is known. */
    unknownBrand: LocalizedSchema,
    /** Stands in for {checkVia} when no brand is known. */
    unknownCheckVia: LocalizedSchema,
    /** Answer to HELP / ヘルプ. */
    help: LocalizedSchema,
    /** Answer to an empty text or a picture only. */
    pasteText: LocalizedSchema,
    /** Answer to START after STOP. */
    optedIn: LocalizedSchema,
    /** Answer to MORE when there is no report of the last 24 hours. */
    noRecentReport: LocalizedSchema,
  }),
  /** Whole-message commands (lower-case, after normalisation). Twilio's own opt-out words are among stop/start. */
  commands: z.strictObject({
    stop: nonEmpty(lowerCase(1)),
    start: nonEmpty(lowerCase(1)),
    help: nonEmpty(lowerCase(1)),
    more: nonEmpty(lowerCase(1)),
  }),
});

/** Words and phrases that signal a kind of message; matched case-insensitively after normalisation. */
export const CuesFileSchema = z.strictObject({
  cues: z.record(z.string(), nonEmpty(lowerCase(1))),
});

export type Brand = z.infer<typeof BrandSchema>;
export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybooksFile = z.infer<typeof PlaybooksFileSchema>;
export type CuesFile = z.infer<typeof CuesFileSchema>;

const hostName = z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'a lower-case host name'));

/** Services that hide where a link really goes: shorteners, redirectors and proxies, free hosting. */
export const LinkServicesFileSchema = z.strictObject({
  shorteners: nonEmpty(hostName),
  redirectors: nonEmpty(
    z.strictObject({
      domain: hostName,
      host: z.optional(hostName),
      pathPrefix: z.optional(z.string().check(z.startsWith('/'))),
      why: z.string(),
    }),
  ),
  freeHosting: nonEmpty(hostName),
  /** Large public platforms (a brand's account on them is no imitation): their links are neither official nor fake. */
  platforms: z.array(hostName),
  /**
   * Public suffixes only vetted organisations can register under (government, and in Japan companies and
   * organisations registered there): a link to an unknown site under one is no stranger's site.
   */
  restrictedSuffixes: z.array(z.string().check(z.regex(/^[a-z0-9.-]+$/))),
  /**
   * Long-established suffixes under which a domain named exactly like the sender who signs the text ("United: " and
   * united.com) is taken for that sender's own site. Cheap new suffixes (.top, .xyz, …) are left out on purpose.
   */
  senderSiteSuffixes: z.array(z.string().check(z.regex(/^[a-z0-9.-]+$/))),
  /**
   * Suffixes under which a name without http:// or www. still counts as a link. Others ("home.love",
   * "now.onion") are far more often two words with a missing space.
   */
  bareDomainSuffixes: nonEmpty(z.string().check(z.regex(/^[a-z0-9-]+$/))),
  /** Two-letter country suffixes that are also English words ("message.it", "you.my"): never bare links. */
  wordLikeSuffixes: z.array(z.string().check(z.regex(/^[a-z]{2}$/))),
});

export type LinkServicesFile = z.infer<typeof LinkServicesFileSchema>;

/**
 * The trained threat model as `npm run train` writes it (lib/catalog/threat-model-file.ts reads and writes it):
 * hashed-feature logistic regression with sparse weights, kept as two parallel lists of integers. The kept buckets
 * in ascending order are written as gaps (each id minus the one before; the first is the id itself), and bias and
 * weights as whole multiples of 1/weightScale. Half the bytes of a bucket → decimal map, and a list of integers
 * validates in a fraction of the time a map of 6,000 pattern-checked keys took at every cold start.
 */
/** A list of whole numbers, checked in one pass: a schema run per item cost several ms of every cold start here. */
const wholeNumbers = z.custom<number[]>(
  (value) => Array.isArray(value) && value.every((item) => Number.isSafeInteger(item)),
  'must be a list of whole numbers',
);

export const ThreatModelFileSchema = z
  .strictObject({
    version: z.literal(2),
    buckets: z.int().check(
      z.positive(),
      z.refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    ),
    weightScale: z.int().check(z.positive()),
    bias: z.int(),
    bucketGaps: wholeNumbers,
    weights: wholeNumbers,
    trainedOn: z.record(z.string(), z.int()),
  })
  .check(
    z.refine((file) => file.weights.length === file.bucketGaps.length, {
      path: ['weights'],
      message: 'must have one weight per bucket gap',
    }),
    z.refine((file) => file.bucketGaps.every((gap, index) => gap >= (index === 0 ? 0 : 1)), {
      path: ['bucketGaps'],
      message: 'buckets must ascend without repeats: the first gap at least 0, every later one at least 1',
    }),
    z.refine((file) => file.bucketGaps.reduce((id, gap) => id + gap, 0) < file.buckets, {
      path: ['bucketGaps'],
      message: 'a bucket lies beyond the bucket count',
    }),
  );

export type ThreatModelFile = z.infer<typeof ThreatModelFileSchema>;

/**
 * lib/catalog/latin-confusables.json, as `npm run confusables` writes it (lib/learning/latin-confusables.ts): one
 * character → its skeleton in printable ASCII. Checked in one pass, like the model's lists: 1,800 schema runs per
 * entry would cost every cold start.
 */
export const LatinConfusablesFileSchema = z.strictObject({
  source: z.string(),
  map: z.custom<Record<string, string>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.entries(value).every(
        ([from, to]) => [...from].length === 1 && typeof to === 'string' && /^[\u0020-\u007E]+$/.test(to),
      ),
    'must map single characters to printable ASCII',
  ),
});
