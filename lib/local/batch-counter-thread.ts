import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as z from 'zod';
import { DynamoIncidentStore } from '../adapters/dynamo-incident-store';
import { systemClock } from '../adapters/system-clock';
import type { LogFields, Logger } from '../app/ports';
import { type CounterReply, type CounterRequest, inlineBatchCounter } from './batch-counter';
import { localDynamoClient } from './start-dynalite';
import { meterItemWrites } from './write-meter';

// Worker thread entry of threadBatchCounter (batch-counter.ts).

/** Counting is background work: the webhook's thread comes first when both want the CPU. */
const BACKGROUND_NICENESS = 10;
const SettingsSchema = z.object({
  endpoint: z.string().url(),
  tableName: z.string().min(1),
  holder: z.string().min(1),
  everyMs: z.number().int().min(0),
  callsInFlight: z.number().int().min(1),
});

// On Linux a thread has its own nice value, and setpriority on "this process" (0) from a thread sets only that
// thread's. Elsewhere it would set the whole process's, the webhook's too, so there the counter runs as it is.
if (process.platform === 'linux') {
  try {
    setPriority(BACKGROUND_NICENESS);
  } catch {
    // Not allowed here: the counter simply runs at normal priority.
  }
}

const port = parentPort;
if (port === null) throw new Error('batch-counter-thread runs as a worker thread');
const settings = SettingsSchema.parse(workerData);
const send = (reply: CounterReply) => port.postMessage(reply);
const forward =
  (level: 'info' | 'warn' | 'error') =>
  (event: string, fields?: LogFields): void =>
    send({ log: { level, event, fields } });
const log: Logger = { info: forward('info'), warn: forward('warn'), error: forward('error') };
const client = localDynamoClient(settings.endpoint);
const itemWrites = meterItemWrites(client);
const counter = inlineBatchCounter({
  store: new DynamoIncidentStore(client, settings.tableName, settings.callsInFlight),
  clock: systemClock,
  log,
  holder: settings.holder,
  everyMs: settings.everyMs,
});

port.on('message', (request: CounterRequest) => {
  const work =
    request.kind === 'countNow' ? counter.countNow() : counter.stop().then(() => ({ counted: 0, busy: false }));
  work.then(
    (result) => send({ id: request.id, result, writes: itemWrites() }),
    (error: unknown) => send({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
