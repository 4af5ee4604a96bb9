import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import { type CounterKey, counterKeys, counterTargets } from '../../lib/app/counters';
import type { Incident } from '../../lib/app/ports';
import { countUncounted } from '../../lib/app/replay';
import { capturingLogger } from '../support/capture-log';
import { startTestTable, type TestTable } from '../support/dynalite';
import { testIncident } from '../support/incidents';

const ROOT = join(__dirname, '..', '..');
const PER_PROCESS = 6;

// Asynchronous on purpose: the embedded engine runs in this process and must keep serving the child.
function crashWriter(
  table: TestTable,
  prefix: string,
  crashAfterUpdates: number,
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'test/support/crash-writer.ts',
      table.endpoint,
      table.tableName,
      prefix,
      String(PER_PROCESS),
      String(crashAfterUpdates),
    ],
    { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

/** What every counter must read: computed from the incidents themselves, not from the store. */
function expectedCounts(incidents: readonly Incident[]): Map<string, { key: CounterKey; count: number }> {
  const expected = new Map<string, { key: CounterKey; count: number }>();
  for (const incident of incidents) {
    for (const key of counterKeys(incident)) {
      const id = JSON.stringify(key);
      expected.set(id, { key, count: (expected.get(id)?.count ?? 0) + 1 });
    }
  }
  return expected;
}

describe('exactly-once counting across a process that dies mid-write (dynalite, real API)', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(async () => {
    await table.stop();
  });

  // 0: dead right after the incident write; 3: after some counters; all: after every counter, before the mark.
  const allCounters = (prefix: string) => counterTargets(testIncident(`${prefix}${PER_PROCESS - 1}`)).length;
  const crashPoints: [string, (prefix: string) => number][] = [
    ['a', () => 0],
    ['b', () => 3],
    ['c', allCounters],
  ];
  const later = { now: () => new Date('2026-11-23T12:00:00Z') };

  it('counts every incident exactly once after the replay, and a second replay changes nothing', async () => {
    const incidents: Incident[] = [];
    for (const [name, crashAfter] of crashPoints) {
      const prefix = `crash${name}x`;
      const result = await crashWriter(table, prefix, crashAfter(prefix));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(137);
      for (let i = 0; i < PER_PROCESS; i++) incidents.push(testIncident(`${prefix}${i}`));
    }
    const store = new DynamoIncidentStore(table.client, table.tableName);
    const left = await store.uncounted(100, later.now().toISOString());
    expect(left.map((i) => i.messageSid).sort()).toEqual(
      crashPoints.map(([name]) => testIncident(`crash${name}x${PER_PROCESS - 1}`).messageSid).sort(),
    );

    const { log } = capturingLogger();
    expect(await countUncounted(store, later, log)).toEqual({ counted: crashPoints.length, failed: 0 });
    expect(await store.uncounted(100, later.now().toISOString())).toEqual([]);
    expect(await countUncounted(store, later, log)).toEqual({ counted: 0, failed: 0 });

    const expected = expectedCounts(incidents);
    for (const { key, count } of expected.values())
      expect({ key, count: await store.counterTotal(key) }).toEqual({ key, count });

    // Counting a counted incident again (as a confused operator might) must not move any counter.
    for (const incident of incidents.slice(0, 4)) await store.count(incident);
    for (const { key, count } of expected.values()) expect(await store.counterTotal(key)).toBe(count);
  }, 60_000);

  it('keeps concurrent counting of many incidents on one hot counter exact', async () => {
    const store = new DynamoIncidentStore(table.client, table.tableName);
    const hot = Array.from({ length: 300 }, (_, i) => ({
      ...testIncident(`hot${i}`, '2026-11-24T01:00:00.000Z'),
      brand: 'amazon',
    }));
    await Promise.all(hot.map((incident) => store.record(incident)));
    await Promise.all(hot.map((incident) => store.count(incident)));
    await Promise.all(hot.slice(0, 50).map((incident) => store.count(incident)));
    expect(
      await store.counterTotal({ granularity: 'hour', period: '2026-11-24T01', dimension: 'brand', value: 'amazon' }),
    ).toBe(300);
  }, 60_000);

  it('lets two replays run at once without double counting, and leaves young incidents to their webhook', async () => {
    const store = new DynamoIncidentStore(table.client, table.tableName);
    const old = Array.from({ length: 40 }, (_, i) => ({
      ...testIncident(`twin${i}`, '2026-11-25T03:00:00.000Z'),
      brand: 'sagawa',
    }));
    const young = { ...testIncident('young0', '2026-11-25T03:59:30.000Z'), brand: 'sagawa' };
    await Promise.all([...old, young].map((incident) => store.record(incident)));
    const clock = { now: () => new Date('2026-11-25T04:00:00Z') };
    const { log } = capturingLogger();
    const [first, second] = await Promise.all([countUncounted(store, clock, log), countUncounted(store, clock, log)]);
    expect(first.counted + second.counted).toBe(40);
    expect(
      await store.counterTotal({ granularity: 'day', period: '2026-11-25', dimension: 'brand', value: 'sagawa' }),
    ).toBe(40);
    expect((await store.uncounted(10, '2026-11-26T00:00:00.000Z')).map((i) => i.messageSid)).toEqual([
      young.messageSid,
    ]);
  }, 60_000);
});
