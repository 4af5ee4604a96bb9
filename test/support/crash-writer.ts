/**
 * A separate process that records incidents through the real store and then dies (process.exit, no cleanup)
 * after a given number of counter writes of its last incident: the failure the exactly-once counting must survive.
 * Usage: crash-writer ENDPOINT TABLE PREFIX COUNT CRASH_AFTER_UPDATES
 */
import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import { localDynamoClient } from '../../lib/local/start-dynalite';
import { testIncident } from './incidents';

async function main(): Promise<void> {
  const [endpoint, table, prefix, countArg, crashArg] = process.argv.slice(2);
  if (!endpoint || !table || !prefix || !countArg || !crashArg)
    throw new Error('usage: endpoint table prefix count crashAfter');
  const client = localDynamoClient(endpoint);
  const store = new DynamoIncidentStore(client, table);
  const count = Number(countArg);
  for (let i = 0; i < count - 1; i++) {
    const incident = testIncident(`${prefix}${i}`);
    await store.record(incident);
    await store.count(incident);
  }
  let updates = 0;
  const crashAfter = Number(crashArg);
  // Dies inside the store's own protocol: after `crashAfter` UpdateItem calls have reached the engine.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'UpdateItemCommand' && updates >= crashAfter) process.exit(137);
      const result = await next(args);
      if (context.commandName === 'UpdateItemCommand') updates++;
      return result;
    },
    { step: 'initialize', name: 'crashAfterUpdates' },
  );
  const last = testIncident(`${prefix}${count - 1}`);
  await store.record(last);
  await store.count(last);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
