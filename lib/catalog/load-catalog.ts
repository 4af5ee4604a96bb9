import type { ThreatModel } from '../core/threat-model';
import { CATEGORIES, type Category } from '../core/types';
import type * as z from '../zod-mini';
import brandsJson from './brands.json';
import cuesJson from './cues.json';
import latinConfusablesJson from './latin-confusables.json';
import linkServicesJson from './link-services.json';
import playbooksJson from './playbooks.json';
import {
  type Brand,
  BrandsFileSchema,
  type CuesFile,
  CuesFileSchema,
  LatinConfusablesFileSchema,
  type LinkServicesFile,
  LinkServicesFileSchema,
  type Playbook,
  type PlaybooksFile,
  PlaybooksFileSchema,
  ThreatModelFileSchema,
} from './schema';
import threatModelJson from './threat-model.json';
import { decodeThreatModel } from './threat-model-file';

/** The validated, frozen data the pure core reads: brands, cues and advice. */
export interface Catalog {
  readonly brands: ReadonlyMap<string, Brand>;
  /** Official domain (a registrable domain or a host below one) → id of the brand that owns it. */
  readonly domainOwners: ReadonlyMap<string, string>;
  /** Published customer numbers (E.164) → the brand that publishes them. */
  readonly phoneOwners: ReadonlyMap<string, string>;
  readonly cues: CuesFile['cues'];
  readonly linkServices: LinkServicesFile;
  readonly threatModel: ThreatModel;
  /** Character → its skeleton, for the characters that can pass for ASCII (UTS #39 confusables). */
  readonly latinConfusables: ReadonlyMap<string, string>;
  readonly evidence: PlaybooksFile['evidence'];
  readonly phrases: PlaybooksFile['phrases'];
  readonly commands: PlaybooksFile['commands'];
  readonly categoryNames: PlaybooksFile['categoryNames'];
  /** The brand's override when there is one, else the category's default. */
  playbookFor(category: Category, brandId: string | null): Playbook;
}

export class CatalogError extends Error {}

function parseFile<S extends z.ZodMiniType>(file: string, schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const where = result.error.issues.map((issue) => `${file}: ${issue.path.join('.')}: ${issue.message}`);
    throw new CatalogError(`invalid catalog data\n${where.join('\n')}`);
  }
  return result.data;
}

/** Validates the raw catalog files and cross-checks their references. Throws CatalogError naming file and path. */
export function buildCatalog(raw: {
  brands: unknown;
  playbooks: unknown;
  cues: unknown;
  linkServices: unknown;
  threatModel: unknown;
  latinConfusables: unknown;
}): Catalog {
  const { brands } = parseFile('brands.json', BrandsFileSchema, raw.brands);
  const playbooksFile = parseFile('playbooks.json', PlaybooksFileSchema, raw.playbooks);
  const { cues } = parseFile('cues.json', CuesFileSchema, raw.cues);
  const linkServices = parseFile('link-services.json', LinkServicesFileSchema, raw.linkServices);
  const threatModel = decodeThreatModel(parseFile('threat-model.json', ThreatModelFileSchema, raw.threatModel));
  const latinConfusables = new Map(
    Object.entries(parseFile('latin-confusables.json', LatinConfusablesFileSchema, raw.latinConfusables).map),
  );

  const brandMap = new Map(brands.map((brand) => [brand.id, brand]));
  const domainOwners = new Map<string, string>();
  const problems: string[] = [];
  for (const brand of brands) {
    for (const domain of brand.officialDomains) {
      const owner = domainOwners.get(domain);
      if (owner && owner !== brand.id) problems.push(`brands.json: ${domain} is claimed by ${owner} and ${brand.id}`);
      domainOwners.set(domain, brand.id);
    }
  }
  const phoneOwners = new Map<string, string>();
  for (const brand of brands) {
    for (const number of brand.officialPhones ?? []) {
      const owner = phoneOwners.get(number);
      if (owner && owner !== brand.id) problems.push(`brands.json: ${number} is claimed by ${owner} and ${brand.id}`);
      phoneOwners.set(number, brand.id);
    }
  }

  const playbookKey = (category: Category, brandId: string | null) => `${category}/${brandId ?? '*'}`;
  const playbooks = new Map<string, Playbook>();
  for (const playbook of playbooksFile.playbooks) {
    if (playbook.brand !== null && !brandMap.has(playbook.brand)) {
      problems.push(`playbooks.json: ${playbook.category} names unknown brand ${playbook.brand}`);
    }
    playbooks.set(playbookKey(playbook.category, playbook.brand), playbook);
  }
  const defaults = new Map<Category, Playbook>();
  for (const category of CATEGORIES) {
    const fallback = playbooks.get(playbookKey(category, null));
    if (fallback) defaults.set(category, fallback);
    else problems.push(`playbooks.json: no default playbook for ${category}`);
  }
  if (problems.length > 0) throw new CatalogError(`invalid catalog data\n${problems.join('\n')}`);

  return Object.freeze({
    brands: brandMap,
    domainOwners,
    phoneOwners,
    cues,
    linkServices,
    threatModel,
    latinConfusables,
    evidence: playbooksFile.evidence,
    phrases: playbooksFile.phrases,
    commands: playbooksFile.commands,
    categoryNames: playbooksFile.categoryNames,
    playbookFor(category: Category, brandId: string | null): Playbook {
      const override = brandId === null ? undefined : playbooks.get(playbookKey(category, brandId));
      // defaults holds every category: the loop above refuses a catalog without one.
      return override ?? (defaults.get(category) as Playbook);
    },
  });
}

let shipped: Catalog | undefined;

/** The catalog shipped with the code (bundled JSON, no file I/O), validated once and reused. */
export function shippedCatalog(): Catalog {
  shipped ??= buildCatalog({
    brands: brandsJson,
    playbooks: playbooksJson,
    cues: cuesJson,
    linkServices: linkServicesJson,
    threatModel: threatModelJson,
    latinConfusables: latinConfusablesJson,
  });
  return shipped;
}
