import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BUNDLE } from '../../infra/bundling';

/**
 * npm run bench:coldstart: bundles the inbound function as the stack does (infra/bundling.ts: esbuild, minified,
 * CJS, node22, UTF-8, ES module builds first, AWS SDK bundled with the environment-only credential provider), and a twin that also imports the whole `twilio` package; loads each in RUNS fresh Node
 * processes and prints the median time to load the module and to answer a first request (a GET, answered 405
 * after config, catalog and clients are built, without touching the network), their ratio, and the bundle sizes.
 * Prints; asserts nothing. Targets (issue 6): ≤ 100 ms and a ratio ≤ 0.3 of module-init time.
 */
const RUNS = Number(process.argv[2] ?? 15);
const ROOT = resolve(__dirname, '..', '..');

const PROBE = `
const started = process.hrtime.bigint();
const { handler } = require(process.argv[1]);
const loaded = process.hrtime.bigint();
handler({ rawPath: '/twilio/sms', headers: {}, requestContext: { http: { method: 'GET' } } }).then((result) => {
  const answered = process.hrtime.bigint();
  if (result.statusCode !== 405) throw new Error('unexpected status ' + result.statusCode);
  process.stdout.write('\\nCOLDSTART ' + JSON.stringify({ loadMs: Number(loaded - started) / 1e6, firstAnswerMs: Number(answered - started) / 1e6 }));
});
`;

const ENV = {
  ...process.env,
  SMISH_TABLE_NAME: 'bench',
  PUBLIC_WEBHOOK_URL: 'https://example.execute-api.ap-northeast-1.amazonaws.com/twilio/sms',
  TWILIO_AUTH_TOKEN: 'bench-token',
  REPORTER_HMAC_KEY: 'bench-hmac-key-0123456789',
  INCIDENT_SPOOL_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/000000000000/bench',
  AWS_REGION: 'ap-northeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

async function bundle(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    ...LAMBDA_BUNDLE,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    // The twin's entry lives in a temporary folder: resolve packages from this repo.
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  return (await stat(outfile)).size;
}

function probe(file: string): Promise<{ loadMs: number; firstAnswerMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE, file], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    // The handler logs its 405 to stdout too: the figures are on the marked line.
    child.on('close', (code) => {
      const figures = /^COLDSTART (.+)$/m.exec(out)?.[1];
      if (code === 0 && figures) resolvePromise(JSON.parse(figures));
      else reject(new Error(err || `exit ${code}`));
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'coldstart-'));
  try {
    const twinEntry = join(dir, 'with-whole-twilio.ts');
    await writeFile(
      twinEntry,
      `import 'twilio';\nexport { handler } from ${JSON.stringify(join(ROOT, 'functions', 'inbound'))};\n`,
    );
    const ours = join(dir, 'inbound.js');
    const twin = join(dir, 'inbound-whole-twilio.js');
    const sizes = {
      ours: await bundle(join(ROOT, 'functions', 'inbound.ts'), ours),
      twin: await bundle(twinEntry, twin),
    };
    const results: Record<'ours' | 'twin', { loadMs: number; firstAnswerMs: number }[]> = { ours: [], twin: [] };
    // Interleaved, so a busy moment on the machine hits both alike.
    for (let run = 0; run < RUNS; run++) {
      results.ours.push(await probe(ours));
      results.twin.push(await probe(twin));
    }
    const row = (name: string, size: number, runs: { loadMs: number; firstAnswerMs: number }[]) =>
      `${name.padEnd(30)} ${String(size).padStart(10)} ${median(runs.map((r) => r.loadMs))
        .toFixed(1)
        .padStart(10)} ${median(runs.map((r) => r.firstAnswerMs))
        .toFixed(1)
        .padStart(14)}`;
    const ratioOf = (figure: 'loadMs' | 'firstAnswerMs') =>
      (median(results.ours.map((r) => r[figure])) / median(results.twin.map((r) => r[figure]))).toFixed(2);
    process.stdout.write(
      [
        `cold start, median of ${RUNS} fresh Node ${process.version} processes each`,
        `${'bundle'.padEnd(30)} ${'bytes'.padStart(10)} ${'load ms'.padStart(10)} ${'first answer ms'.padStart(14)}`,
        row('inbound (ours)', sizes.ours, results.ours),
        row('inbound + whole twilio', sizes.twin, results.twin),
        // The ratio is of module-init (load) time; first answer adds config, catalog and clients to both.
        `ratio ours / whole twilio: module init ${ratioOf('loadMs')}, first answer ${ratioOf('firstAnswerMs')}`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
