import type { MetadataJson } from 'libphonenumber-js/core';

/**
 * The part of libphonenumber-js's "max" metadata that finding, validating and typing numbers reads: everything but
 * each numbering plan's display formats. Those only serve formatting ("03-1234-5678"), which this service never
 * does, and the number finder at its VALID leniency skips the one check that reads them; they are a third of the
 * metadata, about 50 KB of every Lambda bundle that reads numbers.
 */
const FORMATS = 4; // The index of a plan's formats in metadata version 4 (libphonenumber-js source/metadata.js).

type Plan = unknown[];

const withoutFormats = (plans: Readonly<Record<string, Plan>>): Record<string, Plan> =>
  Object.fromEntries(
    Object.entries(plans).map(([key, plan]) => [key, plan.map((part, i) => (i === FORMATS ? [] : part))]),
  );

export function phoneMetadataWithoutFormats(max: MetadataJson): MetadataJson {
  if (max.version !== 4) throw new Error(`libphonenumber-js metadata version ${max.version}: expected 4`);
  const source = max as unknown as { countries: Record<string, Plan>; nonGeographic?: Record<string, Plan> };
  return {
    ...max,
    countries: withoutFormats(source.countries),
    ...(source.nonGeographic ? { nonGeographic: withoutFormats(source.nonGeographic) } : {}),
  } as unknown as MetadataJson;
}
