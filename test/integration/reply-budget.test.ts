import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoReporterStore } from '../../lib/adapters/dynamo-reporter-store';
import { BUDGET_SHARDS, ReplyBudget } from '../../lib/app/reply-budget';
import { fnv1a } from '../../lib/core/threat-model';
import { localDynamoClient } from '../../lib/local/start-dynalite';
import { meterItemWrites } from '../../lib/local/write-meter';
import { useTestTable } from '../support/dynalite';

const sids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `SM${prefix}${String(i).padStart(6, '0')}`);

/** Replies the shard items can grant to these keys in one minute: each shard gives at most its share. */
function grantable(keys: readonly string[], perMinute: number): number {
  const share = Math.ceil(perMinute / BUDGET_SHARDS);
  const perShard = new Map<number, number>();
  for (const key of keys) {
    const shard = fnv1a(key) % BUDGET_SHARDS;
    perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
  }
  return [...perShard.values()].reduce((sum, asked) => sum + Math.min(asked, share), 0);
}

describe('the reply budget shared by several processes through one table (dynalite, real API)', () => {
  const table = useTestTable();

  /** `processes` budgets, as many Lambda instances would hold, each with its own client and write meter. */
  function processes(count: number, perMinute: number) {
    return Array.from({ length: count }, () => {
      const client = localDynamoClient(table().endpoint);
      const written = meterItemWrites(client);
      return { budget: new ReplyBudget(new DynamoReporterStore(client, table().tableName), perMinute), written };
    });
  }

  async function flood(budgets: ReturnType<typeof processes>, keys: readonly string[], now: Date) {
    const answers = await Promise.all(keys.map((key, i) => budgets[i % budgets.length]?.budget.take(now, key)));
    return answers.filter(Boolean).length;
  }

  it('never grants more than the budget, wastes at most a lease per process, and leases in blocks', async () => {
    const perMinute = 200;
    const budgets = processes(4, perMinute);
    const keys = sids('A', 1_000);
    const replies = await flood(budgets, keys, new Date('2026-11-23T10:00:10Z'));
    // Every shard is asked more than its share, so the table grants exactly the budget; each process may keep up
    // to (its largest lease - 1) replies unused when it stops asking: 200 / 10 / 4 = 5 → at most 4 each.
    expect(grantable(keys, perMinute)).toBe(perMinute);
    expect(replies).toBeLessThanOrEqual(perMinute);
    expect(replies).toBeGreaterThanOrEqual(perMinute - 4 * 4);
    const writes = budgets.reduce((sum, p) => sum + p.written(), 0);
    expect(writes).toBeLessThan(replies / 2);
  });

  it('answers again in the next minute', async () => {
    const budgets = processes(2, 200);
    expect(await flood(budgets, sids('B', 400), new Date('2026-11-23T11:00:00Z'))).toBeGreaterThan(150);
    expect(await flood(budgets, sids('C', 10), new Date('2026-11-23T11:00:30Z'))).toBe(0);
    expect(await flood(budgets, sids('D', 10), new Date('2026-11-23T11:01:00Z'))).toBe(10);
  });

  it('grants one at a time and exactly when the budget is small', async () => {
    const perMinute = 20;
    const budgets = processes(3, perMinute);
    const keys = sids('E', 100);
    const replies = await flood(budgets, keys, new Date('2026-11-23T12:00:00Z'));
    expect(replies).toBe(grantable(keys, perMinute));
    const writes = budgets.reduce((sum, p) => sum + p.written(), 0);
    // One write per reply, plus one per shard to find it spent (then held back without asking again).
    expect(writes).toBeLessThanOrEqual(replies + 3 * BUDGET_SHARDS);
  });

  it("leases just one reply for a process's first report of a minute, so a quiet process reserves nothing spare", async () => {
    const [one] = processes(1, 600);
    const now = new Date('2026-11-23T13:00:00Z');
    expect(await one?.budget.take(now, 'SMquiet1')).toBe(true);
    expect(one?.written()).toBe(1);
    const shard = fnv1a('SMquiet1') % BUDGET_SHARDS;
    const { Item } = await table().client.send(
      new GetItemCommand({
        TableName: table().tableName,
        Key: { pk: { S: `BUDGET#2026-11-23T13:00#${shard}` }, sk: { S: 'WINDOW' } },
      }),
    );
    expect(Item?.n).toEqual({ N: '1' });
  });
});
