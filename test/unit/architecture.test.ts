import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PURE_DIRS = ['lib/core', 'lib/catalog'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const FORBIDDEN_IMPORTS = [
  /@aws-sdk\//,
  /['"]twilio/,
  /node:http/,
  /node:fs/,
  /node:crypto/,
  /node:net/,
  /adapters\//,
  /\/local\//,
  /\/http\//,
  /\/app\//,
];
const FORBIDDEN_CALLS = [/process\.env/, /Date\.now\(/, /new Date\(/, /Math\.random\(/, /performance\.now\(/];

describe('the message-understanding core is pure', () => {
  const files = PURE_DIRS.flatMap(sourceFiles);

  it('finds the core files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports no I/O, SDK or edge module and reads no env, clock or randomness', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const imports = [...source.matchAll(/^import[^;]*?from\s+(['"][^'"]+['"])/gms)].map((m) => m[1] ?? '');
    for (const pattern of FORBIDDEN_IMPORTS) {
      expect(imports.filter((specifier) => pattern.test(specifier))).toEqual([]);
    }
    for (const pattern of FORBIDDEN_CALLS) expect(source).not.toMatch(pattern);
  });
});
