import { readFileSync } from 'node:fs';
import type { MetadataJson } from 'libphonenumber-js/core';
import { findNumbers, parsePhoneNumberFromString as parseWithMax } from 'libphonenumber-js/max';
import phoneMetadataJson from '../../lib/catalog/phone-metadata.json';
import { parsePhoneNumber, phoneNumberMatcher } from '../../lib/core/phone-numbers';
import { phoneMetadataWithoutFormats } from '../../lib/learning/phone-metadata';

const installedMax = (): MetadataJson =>
  JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as MetadataJson;

describe('the shipped phone metadata', () => {
  it('is exactly the installed libphonenumber-js max metadata without display formats (npm run phone-metadata)', () => {
    const expected = phoneMetadataWithoutFormats(installedMax());
    expect(phoneMetadataJson).toEqual(expected);
    expect(Object.keys((expected as unknown as { countries: object }).countries).length).toBeGreaterThan(200);
    expect(JSON.stringify(expected).length).toBeLessThan(JSON.stringify(installedMax()).length * 0.75);
  });

  it('refuses metadata of a format version it was not written for', () => {
    expect(() => phoneMetadataWithoutFormats({ ...installedMax(), version: 5 })).toThrow(/version 5/);
  });

  // Numbers of many plans and types, written the ways texts write them.
  const NUMBERS: [string, 'JP' | 'US'][] = [
    ['090-1234-5678', 'JP'],
    ['03-1234-5678', 'JP'],
    ['0120-123-456', 'JP'],
    ['0570-064-123', 'JP'],
    ['050-3123-4567', 'JP'],
    ['0990-12-3456', 'JP'],
    ['(415) 555-2671', 'US'],
    ['1-800-275-8777', 'US'],
    ['+1 900 555 0123', 'US'],
    ['+44 7700 900123', 'US'],
    ['+44 9061 701461', 'US'],
    ['+61 412 345 678', 'US'],
    ['+65 8123 4567', 'US'],
    ['+64 21 123 4567', 'US'],
    ['+234 803 123 4567', 'US'],
    ['+63 917 123 4567', 'US'],
    ['+86 138 0013 8000', 'JP'],
    ['+852 5123 4567', 'JP'],
    ['+1 876 555 1234', 'US'],
    ['+800 1234 5678', 'JP'],
  ];

  it.each(NUMBERS)('reads %s (default %s) as the full metadata does: validity, country and type', (text, country) => {
    const full = parseWithMax(text, country);
    const ours = parsePhoneNumber(text, country);
    expect(ours?.number).toBe(full?.number);
    expect(ours?.isValid()).toBe(full?.isValid());
    expect(ours?.country).toBe(full?.country);
    expect(ours?.getType()).toBe(full?.getType());
  });

  it('finds the same numbers in running text as the full metadata does', () => {
    const text = NUMBERS.map(([number], i) => `item ${i}: call ${number} now, ref 2025-11-23.`).join(' ');
    const ours: string[] = [];
    const matcher = phoneNumberMatcher(text, { defaultCountry: 'JP', maxTries: 1000 });
    while (matcher.hasNext()) ours.push(matcher.next()?.number.number ?? '');
    const full = findNumbers(text, { defaultCountry: 'JP', v2: true }).map((match) => match.number.number);
    expect(full.length).toBeGreaterThan(10);
    expect(ours).toEqual(full);
  });
});
