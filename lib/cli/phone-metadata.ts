import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetadataJson } from 'libphonenumber-js/core';
import { REPO_ROOT } from '../learning/labelled-data';
import { phoneMetadataWithoutFormats } from '../learning/phone-metadata';

/**
 * npm run phone-metadata: writes lib/catalog/phone-metadata.json from the installed libphonenumber-js "max"
 * metadata, without display formats (run it after upgrading that package; a unit test fails until the file matches).
 */
function main(): void {
  const max = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as MetadataJson;
  const out = join(REPO_ROOT, 'lib', 'catalog', 'phone-metadata.json');
  const text = `${JSON.stringify(phoneMetadataWithoutFormats(max))}\n`;
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out}: ${text.length} bytes / 書き出しました\n`);
}

main();
