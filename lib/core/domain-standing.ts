import type { Catalog } from '../catalog/load-catalog';
import type { DomainStanding, Link } from './types';

// Digits and letter pairs that scammers swap in for look-alike letters (amaz0n, paypa1, rnicrosoft).
const LOOKALIKE_FOLDS: readonly [RegExp, string][] = [
  [/0/g, 'o'],
  [/[1!|]/g, 'l'],
  [/3/g, 'e'],
  [/5/g, 's'],
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/[-_.]/g, ''],
];

const fold = (host: string) => LOOKALIKE_FOLDS.reduce((s, [pattern, to]) => s.replace(pattern, to), host);

/**
 * Brand whose official domain this link is on, if any. The most specific listed domain wins, so a brand can own
 * a host under another's registrable domain (jp-bank.japanpost.jp vs japanpost.jp).
 */
export function officialOwner(link: Link, catalog: Catalog): string | null {
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

/** Brand whose name is imitated in the link's host (amazon-co-jp.top, amaz0n.xyz), if any. */
export function imitatedBrand(link: Link, catalog: Catalog): string | null {
  if (link.isIp || officialOwner(link, catalog)) return null;
  const folded = fold(link.host);
  for (const brand of catalog.brands.values()) {
    for (const alias of brand.aliases) {
      const compact = alias.replace(/[\s.'&-]/g, '');
      if (compact.length >= 4 && /^[a-z0-9]+$/.test(compact) && folded.includes(compact)) return brand.id;
    }
  }
  return null;
}

/** How a link relates to the brand the text claims to come from. */
export function domainStanding(link: Link, brandId: string | null, catalog: Catalog): DomainStanding {
  const owner = officialOwner(link, catalog);
  if (owner !== null) return brandId === null || owner === brandId ? 'official' : 'unrelated';
  return imitatedBrand(link, catalog) !== null ? 'lookalike' : 'unrelated';
}
