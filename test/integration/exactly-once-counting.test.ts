import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore, fromItem, MARKS_PER_CALL } from '../../lib/adapters/dynamo-incident-store';
import { tableDefinition, UNCOUNTED_INDEX } from '../../lib/adapters/dynamo-table';
import { type CounterKey, counterKeys } from '../../lib/app/counters';
import { COUNTING_TURN_MS, countingBatch, countPending } from '../../lib/app/counting';
import type { Incident } from '../../lib/app/ports';
import { ensureTable } from '../../lib/local/start-dynalite';
import { type TestTable, useTestTable } from '../support/dynalite';
import { testIncident } from '../support/incidents';

const ROOT = join(__dirname, '..', '..');
/** Several BatchWriteItem calls of marks, so a counter can die between them. */
const PER_PROCESS = 30;
const MARK_CALLS = Math.ceil(PER_PROCESS / MARKS_PER_CALL);

// Asynchronous on purpose: the embedded engine runs in this process and must keep serving the child.
function crashWriter(
  endpoint: string,
  tableName: string,
  prefix: string,
  crashAfterUpdates: number,
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'test/support/crash-writer.ts',
      endpoint,
      tableName,
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
function expectedCounts(incidents: readonly Incident[]): { key: CounterKey; count: number }[] {
  const expected = new Map<string, { key: CounterKey; count: number }>();
  for (const incident of incidents) {
    for (const key of counterKeys(incident)) {
      const id = JSON.stringify(key);
      expected.set(id, { key, count: (expected.get(id)?.count ?? 0) + 1 });
    }
  }
  return [...expected.values()];
}

const incidentsOf = (prefix: string, n = PER_PROCESS) =>
  Array.from({ length: n }, (_, i) => testIncident(`${prefix}${i}`));

/** Every counter reads what the incidents say, and no batch mark is left behind on any counter item. */
async function expectExactCounters(store: DynamoIncidentStore, table: TestTable, tableName: string, all: Incident[]) {
  for (const { key, count } of expectedCounts(all))
    expect({ key, count: await store.counterTotal(key) }).toEqual({ key, count });
  const items = (await table.client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
  expect(items.filter((item) => item.applied !== undefined)).toEqual([]);
}

describe('exactly-once counting in batches, across a counter that dies anywhere in a batch (dynalite, real API)', () => {
  const table = useTestTable();

  // A batch's steps, in order: one ADD per counter item (k), the marks (MARK_CALLS BatchWriteItem calls), the note that
  // only clean-up is left (1), one clean-up per counter item (k). The batch item is written before the first and
  // deleted after the last.
  const crashPoints: [string, (k: number) => number][] = [
    ['right after the incidents were recorded', () => -1],
    ['after the batch was written down, before any counter', () => 0],
    ['after some counters', () => 3],
    ['after every counter, before the marks', (k) => k],
    ['after some of the marks', (k) => k + 1],
    ['after every mark, before the batch is noted as cleaning', (k) => k + MARK_CALLS],
    ['after the note, before the clean-up', (k) => k + MARK_CALLS + 1],
    ['in the middle of the clean-up', (k) => k + MARK_CALLS + 1 + Math.floor(k / 2)],
  ];

  it.each(crashPoints.map(([name, after], i) => [name, after, i] as const))(
    'dies %s: the next counter finishes the job, every counter is exact, a repeat changes nothing',
    async (_name, crashPoint, i) => {
      const crashAfter = crashPoint(countingBatch(incidentsOf(`p${i}x`)).contributions.length);
      const tableName = `crash-${i}`;
      await ensureTable(table().client, tableDefinition(tableName).TableName ?? tableName);
      const result = await crashWriter(table().endpoint, tableName, `p${i}x`, crashAfter);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(137);

      const store = new DynamoIncidentStore(table().client, tableName);
      const incidents = incidentsOf(`p${i}x`);
      // The dead counter's turn holds for COUNTING_TURN_MS: a counter that comes sooner does nothing.
      const soon = { now: () => new Date(Date.now() + 1_000) };
      const later = { now: () => new Date(Date.now() + COUNTING_TURN_MS + 1_000) };
      if (crashAfter >= 0)
        expect(await countPending(store, soon, { holder: 'early' })).toEqual({ counted: 0, busy: true });
      expect(await countPending(store, later, { holder: 'recovery' })).toEqual({ counted: PER_PROCESS, busy: false });
      expect(await store.uncounted(100)).toEqual([]);
      expect(await store.unfinishedBatches()).toEqual([]);
      await expectExactCounters(store, table(), tableName, incidents);
      // Marking put each incident back whole: every field as recorded, only the uncounted index entry gone.
      const stored = ((await table().client.send(new ScanCommand({ TableName: tableName }))).Items ?? []).filter(
        (item) => item.type?.S === 'incident',
      );
      expect(stored.filter((item) => item[UNCOUNTED_INDEX.partitionKey] !== undefined)).toEqual([]);
      const bySid = (a: Incident, b: Incident) => a.messageSid.localeCompare(b.messageSid);
      expect(stored.map(fromItem).sort(bySid)).toEqual([...incidents].sort(bySid));

      // Nothing left to do, and finishing the same batch again (a confused operator) moves nothing.
      expect(await countPending(store, later, { holder: 'recovery' })).toEqual({ counted: 0, busy: false });
      await store.finishBatch(countingBatch(incidents));
      await expectExactCounters(store, table(), tableName, incidents);
    },
    60_000,
  );

  it('keeps a hot counter exact with four counters racing over 300 reports of one brand', async () => {
    const store = new DynamoIncidentStore(table().client, table().tableName);
    const hot = Array.from({ length: 300 }, (_, i) => ({
      ...testIncident(`hot${i}`, `2026-11-24T0${i % 3}:00:00.000Z`),
      brand: 'amazon',
    }));
    await Promise.all(hot.map((incident) => store.record(incident)));
    const clock = { now: () => new Date() };
    const runs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => countPending(store, clock, { holder, batch: 40 })),
    );
    const leftOver = await countPending(store, clock, { holder: 'last' });
    expect(runs.reduce((sum, run) => sum + run.counted, leftOver.counted)).toBe(300);
    const day = { granularity: 'day', period: '2026-11-24', dimension: 'brand', value: 'amazon' } as const;
    expect(await store.counterTotal(day)).toBe(300);
    for (const hour of ['00', '01', '02'])
      expect(await store.counterTotal({ ...day, granularity: 'hour', period: `2026-11-24T${hour}` })).toBe(100);
    await expectExactCounters(store, table(), table().tableName, hot);
  }, 60_000);

  it('gives the counting turn to one holder at a time, and to another once it runs out', async () => {
    const store = new DynamoIncidentStore(table().client, table().tableName);
    const t0 = Date.parse('2030-01-01T00:00:00.000Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    expect(await store.claimCountingTurn('first', at(0), at(COUNTING_TURN_MS))).toBe(true);
    expect(await store.claimCountingTurn('second', at(1_000), at(1_000 + COUNTING_TURN_MS))).toBe(false);
    // The holder renews its own turn.
    expect(await store.claimCountingTurn('first', at(2_000), at(2_000 + COUNTING_TURN_MS))).toBe(true);
    expect(await store.claimCountingTurn('second', at(COUNTING_TURN_MS + 1_000), at(3 * COUNTING_TURN_MS))).toBe(false);
    expect(await store.claimCountingTurn('second', at(COUNTING_TURN_MS + 3_000), at(3 * COUNTING_TURN_MS))).toBe(true);
    // A late release by the first holder leaves the second's turn alone.
    await store.releaseCountingTurn('first');
    expect(await store.claimCountingTurn('third', at(COUNTING_TURN_MS + 4_000), at(4 * COUNTING_TURN_MS))).toBe(false);
    await store.releaseCountingTurn('second');
    expect(await store.claimCountingTurn('third', at(COUNTING_TURN_MS + 5_000), at(4 * COUNTING_TURN_MS))).toBe(true);
    await store.releaseCountingTurn('third');
  });
});
