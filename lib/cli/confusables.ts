import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../learning/labelled-data';
import { latinConfusables } from '../learning/latin-confusables';

/**
 * npm run confusables: writes lib/catalog/latin-confusables.json from the installed `unhomoglyph` package's
 * table (run it after upgrading that package; a unit test fails until the file matches).
 */
function main(): void {
  const pkg = JSON.parse(readFileSync(require.resolve('unhomoglyph/package.json'), 'utf8')) as { version: string };
  const table = JSON.parse(readFileSync(require.resolve('unhomoglyph/data.json'), 'utf8')) as Record<string, string>;
  const file = latinConfusables(table, `unhomoglyph ${pkg.version} (Unicode confusables, UTS #39)`);
  const out = join(REPO_ROOT, 'lib', 'catalog', 'latin-confusables.json');
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  process.stdout.write(
    `wrote ${out}: ${Object.keys(file.map).length} of ${Object.keys(table).length} confusables (skeleton in ASCII) / 書き出しました\n`,
  );
}

main();
