import { readFileSync } from 'node:fs';
import { parse as parseHost } from 'tldts';
import brandSourcesJson from '../../lib/catalog/brand-sources.json';
import brandsJson from '../../lib/catalog/brands.json';
import cuesJson from '../../lib/catalog/cues.json';
import latinConfusablesJson from '../../lib/catalog/latin-confusables.json';
import linkServicesJson from '../../lib/catalog/link-services.json';
import { buildCatalog, CatalogError, shippedCatalog } from '../../lib/catalog/load-catalog';
import playbooksJson from '../../lib/catalog/playbooks.json';
import { BrandSourcesFileSchema } from '../../lib/catalog/schema';
import threatModelJson from '../../lib/catalog/threat-model.json';
import { extractLinks } from '../../lib/core/extract';
import { assessLink } from '../../lib/core/link-assessment';
import { CATEGORIES, type Link } from '../../lib/core/types';
import { latinConfusables } from '../../lib/learning/latin-confusables';

const raw = {
  brands: brandsJson,
  playbooks: playbooksJson,
  cues: cuesJson,
  linkServices: linkServicesJson,
  latinConfusables: latinConfusablesJson,
  threatModel: threatModelJson,
};

describe('the shipped catalog', () => {
  const catalog = shippedCatalog();

  it('says where the facts of every brand come from, and of no brand it does not list (brand-sources.json)', () => {
    const { sources } = BrandSourcesFileSchema.parse(brandSourcesJson);
    expect(Object.keys(sources).sort()).toEqual([...catalog.brands.keys()].sort());
    for (const pages of Object.values(sources)) expect(pages.some((page) => /^https?:\/\//.test(page))).toBe(true);
  });

  it('validates and has a default playbook in both languages for every category', () => {
    for (const category of CATEGORIES) {
      const playbook = catalog.playbookFor(category, null);
      expect(playbook.category).toBe(category);
      expect(playbook.actions.length).toBeGreaterThan(0);
    }
  });

  it('lists official domains at or below a registrable domain, or a public suffix the organisation itself runs', () => {
    const ownedSuffixes = ['gov.uk', 'nhs.uk'];
    const invalid = [...catalog.domainOwners.keys()].filter((domain) => {
      const registrable = parseHost(domain).domain;
      if (registrable === null) return !ownedSuffixes.includes(domain);
      return !(domain === registrable || domain.endsWith(`.${registrable}`));
    });
    expect(invalid).toEqual([]);
  });

  it('refuses a published number claimed by two brands, naming it', () => {
    const brands = structuredClone(brandsJson) as { brands: { id: string; officialPhones?: string[] }[] };
    for (const brand of brands.brands.slice(0, 2)) brand.officialPhones = ['+18005550100'];
    expect(() => buildCatalog({ ...raw, brands })).toThrow(/\+18005550100 is claimed by/);
  });

  it('gives the owner of a public suffix that suffix alone, not every site registered under it', () => {
    const judge = (url: string) => assessLink(extractLinks(url, catalog).links[0] as Link, null, catalog).kind;
    expect(judge('https://nhs.uk/flu')).toBe('official');
    expect(judge('https://www.nhs.uk/conditions')).toBe('official');
    expect(judge('https://nhs-refund.nhs.uk/claim')).not.toBe('official');
    expect(judge('https://pay-fine.gov.uk/')).not.toBe('official');
  });

  it('has a message for every evidence code the classifier emits', () => {
    for (const code of [
      'otp_code_unrequested',
      'otp_share_asked',
      'link_not_official',
      'link_unknown',
      'link_official',
      'no_known_pattern',
    ]) {
      expect(catalog.evidence[code]).toBeDefined();
    }
  });

  it('keeps English reply text within GSM-7, so English replies are not billed as UCS-2', () => {
    const english = [
      ...playbooksJson.playbooks.flatMap((p) => [p.verdict, ...p.actions]),
      ...Object.values(playbooksJson.evidence),
    ]
      .map((localized) => localized.en)
      .filter((text) => /[^\x20-\x7E]/.test(text));
    expect(english).toEqual([]);
  });
});

describe('catalog validation', () => {
  it('names the file and path of a missing translation', () => {
    const broken = structuredClone(playbooksJson) as { playbooks: { verdict: { ja?: string } }[] };
    delete broken.playbooks[0]?.verdict.ja;
    expect(() => buildCatalog({ ...raw, playbooks: broken })).toThrow(/playbooks\.json: playbooks\.0\.verdict\.ja/);
  });

  it('refuses an override for an unknown brand', () => {
    const broken = structuredClone(playbooksJson);
    broken.playbooks.push({
      ...broken.playbooks[broken.playbooks.length - 1],
      brand: 'no-such-brand',
    } as (typeof broken.playbooks)[number]);
    expect(() => buildCatalog({ ...raw, playbooks: broken })).toThrow(CatalogError);
  });

  it('refuses a catalog without a default playbook for a category', () => {
    const broken = { ...playbooksJson, playbooks: playbooksJson.playbooks.filter((p) => p.category !== 'other') };
    expect(() => buildCatalog({ ...raw, playbooks: broken })).toThrow(/no default playbook for other/);
  });
});

describe('the Latin confusables table', () => {
  it('is exactly the part of the installed unhomoglyph table whose skeletons are ASCII (npm run confusables)', () => {
    const table = JSON.parse(readFileSync(require.resolve('unhomoglyph/data.json'), 'utf8')) as Record<string, string>;
    const expected = latinConfusables(table, latinConfusablesJson.source);
    expect(latinConfusablesJson).toEqual(expected);
    expect(Object.keys(expected.map).length).toBeGreaterThan(1000);
  });

  it('refuses a mapping to a non-ASCII skeleton, naming the file', () => {
    const broken = { ...latinConfusablesJson, map: { ...latinConfusablesJson.map, а: 'а' } };
    expect(() => buildCatalog({ ...raw, latinConfusables: broken })).toThrow(/latin-confusables\.json: map/);
  });
});
