import { distance } from 'fastest-levenshtein';
import type { Catalog } from '../catalog/load-catalog';
import type { Link } from './types';

/** What a link is, judged against the brand registry and the known link services. */
export type LinkKind =
  | 'official'
  | 'lookalike'
  | 'shortener'
  | 'redirect'
  | 'free_hosting'
  | 'ip'
  | 'other_brand'
  | 'platform'
  | 'restricted'
  | 'sender_site'
  | 'unknown';

/** How a lookalike imitates the brand: the reason shown to the person. */
export type Imitation = 'confusable' | 'misspelling' | 'subdomain' | 'name' | 'path';

export interface LinkAssessment {
  readonly link: Link;
  readonly kind: LinkKind;
  /** The brand that owns the domain (official, other_brand) or that it imitates (lookalike). */
  readonly brand: string | null;
  readonly imitation: Imitation | null;
}

/** Kinds that mean "do not trust where this goes". */
export const UNTRUSTED_KINDS: ReadonlySet<LinkKind> = new Set([
  'lookalike',
  'shortener',
  'redirect',
  'free_hosting',
  'ip',
  'unknown',
]);

// Digits and letter pairs that scammers swap in for look-alike letters (amaz0n, paypa1, rnicrosoft).
const LEET: readonly [RegExp, string][] = [
  [/0/g, 'o'],
  [/1/g, 'l'],
  [/3/g, 'e'],
  [/5/g, 's'],
  [/vv/g, 'w'],
];
/**
 * UTS #39 skeleton (via Unicode's confusables table, the part that maps to ASCII) after undoing digit swaps; "m" and
 * "rn" share a skeleton.
 */
function skeleton(s: string, catalog: Catalog): string {
  let out = '';
  for (const character of LEET.reduce((text, [pattern, to]) => text.replace(pattern, to), s)) {
    out += catalog.latinConfusables.get(character) ?? character;
  }
  return out;
}

interface BrandName {
  readonly brandId: string;
  readonly compact: string;
  readonly skeleton: string;
}

interface LinkIndex {
  readonly names: readonly BrandName[];
}

const indexes = new WeakMap<Catalog, LinkIndex>();

function linkIndex(catalog: Catalog): LinkIndex {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const names: BrandName[] = [];
  for (const brand of catalog.brands.values()) {
    // Exact aliases are the short, ambiguous names ("LINE", "Apple"): inside a host they would match anything.
    for (const alias of brand.aliases) {
      const compact = alias.replace(/[\s.'&-]/g, '');
      // Short or non-Latin names would match inside unrelated hosts.
      if (compact.length >= 4 && /^[a-z0-9]+$/.test(compact)) {
        names.push({ brandId: brand.id, compact, skeleton: skeleton(compact, catalog) });
      }
    }
  }
  const index = { names };
  indexes.set(catalog, index);
  return index;
}

const onOrUnder = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

function linkPath(link: Link): string {
  const afterScheme = link.raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = afterScheme.indexOf('/');
  return slash < 0 ? '' : afterScheme.slice(slash).toLowerCase();
}

/** Brand whose official domain this link is on; the most specific listed domain wins. */
function officialOwner(link: Link, catalog: Catalog): string | null {
  let host = link.host;
  while (host.length >= link.registrableDomain.length) {
    const owner = catalog.domainOwners.get(host);
    if (owner) return owner;
    const dot = host.indexOf('.');
    if (dot < 0) break;
    host = host.slice(dot + 1);
  }
  return null;
}

function imitation(link: Link, catalog: Catalog): { brand: string; how: Imitation } | null {
  const subdomain = link.host.slice(0, Math.max(0, link.host.length - link.registrableDomain.length - 1));
  const name = link.registrableDomain.slice(0, link.registrableDomain.length - (link.publicSuffix?.length ?? 0) - 1);
  const nameSkeleton = skeleton(name.replace(/[-_]/g, ''), catalog);
  const subdomainSkeleton = skeleton(subdomain.replace(/[-_.]/g, ''), catalog);
  const pieces = name.split(/[-_]/).filter((piece) => piece.length >= 4);
  const confusable = /[^\u0020-\u007E]/.test(link.host);
  const path = linkPath(link);
  const names = linkIndex(catalog).names;
  // Containment first, over every brand: a closer match elsewhere must not lose to an edit-distance guess.
  for (const brand of names) {
    if (nameSkeleton.includes(brand.skeleton)) {
      const exact = name.replace(/[-_]/g, '').includes(brand.compact);
      return { brand: brand.brandId, how: confusable ? 'confusable' : exact ? 'name' : 'misspelling' };
    }
    if (subdomainSkeleton.includes(brand.skeleton)) return { brand: brand.brandId, how: 'subdomain' };
  }
  let closest: { brand: string; distance: number } | null = null;
  for (const brand of names) {
    if (brand.compact.length < 5) continue;
    const tolerance = brand.compact.length >= 8 ? 2 : 1;
    for (const piece of pieces) {
      if (Math.abs(piece.length - brand.compact.length) > tolerance) continue;
      const d = distance(skeleton(piece, catalog), brand.skeleton);
      if (d <= tolerance && (closest === null || d < closest.distance)) closest = { brand: brand.brandId, distance: d };
    }
  }
  if (closest) return { brand: closest.brand, how: 'misspelling' };
  const inPath = names.find((brand) => path.includes(brand.compact));
  return inPath ? { brand: inPath.brandId, how: 'path' } : null;
}

/** A signature as a domain label would spell it: "PG&E" → "pge", "T-Mobile" → "t-mobile", "Royal Mail" → "royalmail". */
const asLabel = (name: string) => name.toLowerCase().replace(/[\s&.']/g, '');

/**
 * The domain labels a signature can stand for: its words run together ("Ninja Van" → ninjavan), and for a name of
 * several words its initials ("Kaiser Permanente" → kp) or its first word ("Qantas Frequent Flyer" → qantas,
 * "AT&T Free Msg" → att), or the first six letters or more of it ("Singapore Airlines" → singaporeair). Short labels under established suffixes were taken long ago, not bought by a phisher.
 */
function signatureLabels(signature: string): string[] {
  const words = signature
    .split(/\s+/)
    .map(asLabel)
    .filter((word) => word.length > 0);
  const whole = words.join('');
  const labels = whole.length >= 3 ? [whole] : [];
  // "Singapore Airlines" → singaporeair: a long enough start of the name.
  for (let end = 6; end < whole.length; end++) labels.push(whole.slice(0, end));
  if (words.length >= 2) {
    labels.push(words.map((word) => word.charAt(0)).join(''));
    const first = words[0] ?? '';
    if (first.length >= 3) labels.push(first);
  }
  return labels;
}

/**
 * Judges one link: official for the claimed brand, a look-alike, a link-hiding service, or unknown. `signature` is
 * the sender's name the text leads with ("United: "), if any.
 */
export function assessLink(
  link: Link,
  claimedBrand: string | null,
  catalog: Catalog,
  signature: string | null = null,
): LinkAssessment {
  const result = (kind: LinkKind, brand: string | null = null, how: Imitation | null = null) => ({
    link,
    kind,
    brand,
    imitation: how,
  });
  if (link.isIp) return result('ip');
  const services = catalog.linkServices;
  const path = linkPath(link);
  const redirector = services.redirectors.find(
    (r) =>
      onOrUnder(link.host, r.domain) &&
      (r.host === undefined || link.host === r.host) &&
      (r.pathPrefix === undefined || path.startsWith(r.pathPrefix)),
  );
  if (redirector) return result('redirect');
  if (services.freeHosting.some((domain) => onOrUnder(link.host, domain))) return result('free_hosting');
  const owner = officialOwner(link, catalog);
  if (owner !== null)
    return result(claimedBrand === null || owner === claimedBrand ? 'official' : 'other_brand', owner);
  if (services.shorteners.some((domain) => onOrUnder(link.host, domain))) return result('shortener');
  if (services.platforms.some((domain) => onOrUnder(link.host, domain))) return result('platform');
  const imitated = imitation(link, catalog);
  if (imitated) return result('lookalike', imitated.brand, imitated.how);
  // Only when the text names no brand of the registry: a text that claims to be Amazon and links to some company's
  // co.jp site is not sent by Amazon.
  if (claimedBrand === null && link.publicSuffix !== null) {
    if (services.restrictedSuffixes.includes(link.publicSuffix)) return result('restricted');
    // "United: … https://www.united.com/": a company outside the registry, linking to the domain of its own name
    // under a long-established suffix. That domain is the company's; a phisher cannot send people to it.
    const label = link.registrableDomain.slice(0, -(link.publicSuffix.length + 1));
    if (
      signature !== null &&
      /^[a-z0-9-]+$/.test(label) &&
      signatureLabels(signature).includes(label) &&
      services.senderSiteSuffixes.includes(link.publicSuffix)
    ) {
      return result('sender_site');
    }
  }
  return result('unknown');
}
