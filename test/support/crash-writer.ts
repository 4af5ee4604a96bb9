/**
 * A separate process that records incidents through the real store, starts counting them, and dies
 * (process.exit, no cleanup) after a given number of the counting protocol's steps (UpdateItem and
 * BatchWriteItem calls) have reached the engine: the failure exactly-once counting must survive. A negative number
 * dies right after the records.
 * Usage: crash-writer ENDPOINT TABLE PREFIX COUNT CRASH_AFTER_UPDATES
 */
import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import { systemClock } from '../../lib/adapters/system-clock';
import { countPending } from '../../lib/app/counting';
import { localDynamoClient } from '../../lib/local/start-dynalite';
import { testIncident } from './incidents';

async function main(): Promise<void> {
  const [endpoint, table, prefix, countArg, crashArg] = process.argv.slice(2);
  if (!endpoint || !table || !prefix || !countArg || !crashArg)
    throw new Error('usage: endpoint table prefix count crashAfter');
  const client = localDynamoClient(endpoint);
  const store = new DynamoIncidentStore(client, table);
  for (let i = 0; i < Number(countArg); i++) await store.record(testIncident(`${prefix}${i}`));
  const crashAfter = Number(crashArg);
  if (crashAfter < 0) process.exit(137);
  // Exactly `crashAfter` steps reach the engine, even when the store sends several at once: later ones never
  // leave, and the process dies as soon as the allowed ones have been answered.
  let started = 0;
  let answered = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'UpdateItemCommand' && context.commandName !== 'BatchWriteItemCommand')
        return next(args);
      if (started >= crashAfter) {
        if (crashAfter === 0) process.exit(137);
        return new Promise<never>(() => undefined);
      }
      started++;
      const result = await next(args);
      if (++answered === crashAfter) process.exit(137);
      return result;
    },
    { step: 'initialize', name: 'crashAfterUpdates' },
  );
  await countPending(store, systemClock, { holder: `crash-writer-${process.pid}` });
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
