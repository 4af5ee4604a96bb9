import * as z from 'zod';
import { CATEGORIES } from '../core/types';

/** Every string a person reads exists in both languages; a missing one fails validation, not a reply. */
export const LocalizedSchema = z.strictObject({ en: z.string().min(1), ja: z.string().min(1) });

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
] as const;

const lowerCase = z.string().refine((s) => s === s.toLowerCase(), 'must be lower-case');

export const BrandSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id'),
  name: LocalizedSchema,
  aliases: z.array(lowerCase.min(2)).min(1),
  exactAliases: z.array(z.string().min(2)).optional(),
  sector: z.enum(SECTORS),
  markets: z.array(z.enum(MARKETS)).min(1),
  officialDomains: z.array(lowerCase.min(3)).min(1),
  /** Where the real company says to check, as a noun phrase: "Check via {checkVia}" / 「{checkVia}で確認」. */
  checkVia: LocalizedSchema,
  /** What the real company says it never does by SMS, when it says so (e.g. no links to sign in). */
  notice: LocalizedSchema.optional(),
  sources: z.array(z.string()).min(1),
});

export const BrandsFileSchema = z.strictObject({ brands: z.array(BrandSchema).min(1) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.brands.forEach((brand, index) => {
    if (seen.has(brand.id)) ctx.addIssue({ code: 'custom', path: ['brands', index, 'id'], message: 'duplicate id' });
    seen.add(brand.id);
  });
});

const CategorySchema = z.enum(CATEGORIES);

export const PlaybookSchema = z.strictObject({
  category: CategorySchema,
  /** A brand-specific override; null is the category's default. */
  brand: z.string().nullable(),
  /** First line of the reply; may use {brand}. */
  verdict: LocalizedSchema,
  /** Short actions for the first reply, most important first. */
  actions: z.array(LocalizedSchema).min(1),
  /** Detailed numbered steps for a follow-up. */
  details: z.array(LocalizedSchema).min(1),
});

export const PlaybooksFileSchema = z.strictObject({
  playbooks: z.array(PlaybookSchema).min(1),
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
    stop: z.array(lowerCase.min(1)).min(1),
    start: z.array(lowerCase.min(1)).min(1),
    help: z.array(lowerCase.min(1)).min(1),
    more: z.array(lowerCase.min(1)).min(1),
  }),
});

/** Words and phrases that signal a kind of message; matched case-insensitively after normalisation. */
export const CuesFileSchema = z.strictObject({
  cues: z.record(z.string(), z.array(lowerCase.min(1)).min(1)),
});

export type Brand = z.infer<typeof BrandSchema>;
export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybooksFile = z.infer<typeof PlaybooksFileSchema>;
export type CuesFile = z.infer<typeof CuesFileSchema>;

const hostName = z.string().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'a lower-case host name');

/** Services that hide where a link really goes: shorteners, redirectors and proxies, free hosting. */
export const LinkServicesFileSchema = z.strictObject({
  shorteners: z.array(hostName).min(1),
  redirectors: z
    .array(
      z.strictObject({
        domain: hostName,
        host: hostName.optional(),
        pathPrefix: z.string().startsWith('/').optional(),
        why: z.string(),
      }),
    )
    .min(1),
  freeHosting: z.array(hostName).min(1),
  /** Large public platforms (a brand's account on them is no imitation): their links are neither official nor fake. */
  platforms: z.array(hostName),
  /**
   * Suffixes under which a name without http:// or www. still counts as a link. Others ("home.love",
   * "now.onion") are far more often two words with a missing space.
   */
  bareDomainSuffixes: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  /** Two-letter country suffixes that are also English words ("message.it", "you.my"): never bare links. */
  wordLikeSuffixes: z.array(z.string().regex(/^[a-z]{2}$/)),
});

export type LinkServicesFile = z.infer<typeof LinkServicesFileSchema>;

/** The trained threat model (npm run train): hashed-feature logistic regression, sparse weights. */
export const ThreatModelSchema = z.strictObject({
  version: z.literal(1),
  buckets: z
    .number()
    .int()
    .positive()
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
  bias: z.number(),
  weights: z.record(z.string().regex(/^\d+$/), z.number()),
  trainedOn: z.record(z.string(), z.number().int()),
});
