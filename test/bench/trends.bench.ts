import { quietLogger } from '../../lib/adapters/log';
import { startLocalResponder } from '../../lib/local/local-responder';
import { localSettings } from '../../lib/local/local-settings';
import { ScriptedClock } from '../../lib/local/scripted-clock';
import { seedDemo } from '../../lib/local/seed-demo';
import { addDays, dayOf } from '../../lib/operators/periods';

/**
 * npm run bench:trends: seeds a fresh in-memory store with the demo month (as npm run seed-demo does, through the
 * signed webhook), then times operator queries over HTTP against the local server, engine in its own process as
 * under npm start. Prints p50 / p95 / max per query; asserts nothing. Target: /v1/trends for 30 days × all
 * categories within 100 ms p95.
 */
const REQUESTS = Number(process.argv[2] ?? 200);

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const end = new Date();
  const clock = new ScriptedClock(end);
  const responder = await startLocalResponder(localSettings({ PORT: '0' }), {
    persist: false,
    engineProcess: true,
    clock,
    log: quietLogger(),
  });
  try {
    process.stdout.write('seeding the demo month through the webhook / デモデータ投入中…\n');
    const seeded = await seedDemo(responder, clock, end);
    process.stdout.write(`  ${seeded.sent} reports, ${seeded.alerts.length} alerts\n`);
    const today = dayOf(end);
    const from = addDays(today, -29);
    const queries = {
      'trends 30d by category': `/v1/trends?from=${from}&to=${today}&by=category`,
      'trends 30d by brand': `/v1/trends?from=${from}&to=${today}&by=brand`,
      'trends 7d hourly': `/v1/trends?from=${addDays(today, -6)}&to=${today}&granularity=hour`,
      'top domains 30d': '/v1/top?dim=domain&window=30d',
      'incidents page': '/v1/incidents?limit=50',
      alerts: '/v1/alerts',
    };
    const base = `http://127.0.0.1:${responder.port}`;
    const headers = { authorization: `Bearer ${responder.operatorToken}` };
    process.stdout.write(`\n${REQUESTS} sequential requests each / 各${REQUESTS}回\n`);
    process.stdout.write(
      `${'query'.padEnd(26)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}\n`,
    );
    for (const [name, path] of Object.entries(queries)) {
      for (let i = 0; i < 10; i++) await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const cells = [50, 95, 100].map((p) => percentile(times, p).toFixed(1).padStart(8));
      process.stdout.write(`${name.padEnd(26)} ${cells.join(' ')}\n`);
    }
  } finally {
    await responder.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
