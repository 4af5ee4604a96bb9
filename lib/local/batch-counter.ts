import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CountingResult, countPending, countPendingLogged } from '../app/counting';
import type { Clock, IncidentStore, LogFields, Logger } from '../app/ports';

/** The local form of the scheduled counting function: counts incidents in batches beside the webhook. */
export interface BatchCounter {
  /** Counts every incident recorded so far; resolves when the counters include them all. */
  countNow(): Promise<CountingResult>;
  /**
   * Items written on a client of the counter's own, as of its last answer (npm run load adds them to the
   * webhook's); 0 when it shares the webhook's client, whose writes are counted there.
   */
  ownClientWrites(): number;
  stop(): Promise<void>;
}

/**
 * Counts on this thread every `everyMs` (0: only when asked). One batch run at a time: the timer and countNow
 * queue behind each other, and a tick is skipped while a run is still going, so ticks never pile up under load.
 */
export function inlineBatchCounter(deps: {
  store: IncidentStore;
  clock: Clock;
  log: Logger;
  holder: string;
  everyMs: number;
}): BatchCounter {
  const { store, clock, log, holder } = deps;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let idle = true;
  const timer =
    deps.everyMs > 0
      ? setInterval(() => {
          if (!idle) return;
          idle = false;
          serially(() => countPendingLogged(store, clock, log, { holder, periodic: true })).finally(() => {
            idle = true;
          });
        }, deps.everyMs)
      : undefined;
  return {
    countNow: () => serially(() => countPending(store, clock, { holder })),
    ownClientWrites: () => 0,
    stop: async () => {
      clearInterval(timer);
      await queue;
    },
  };
}

/** What the counting thread and the responder say to each other. */
export type CounterRequest = { readonly id: number; readonly kind: 'countNow' | 'stop' };
export type CounterReply =
  | { readonly id: number; readonly result: CountingResult; readonly writes: number }
  | { readonly id: number; readonly error: string }
  | {
      readonly log: { readonly level: 'info' | 'warn' | 'error'; readonly event: string; readonly fields?: LogFields };
    };

/**
 * Counts in a worker thread of its own, on its own DynamoDB client: as in AWS, where counting is a function of its
 * own, the webhook's thread spends nothing on it. Its log lines come back to `log`.
 */
export function threadBatchCounter(settings: {
  endpoint: string;
  tableName: string;
  holder: string;
  everyMs: number;
  callsInFlight: number;
  log: Logger;
}): BatchCounter {
  const { log, ...workerData } = settings;
  const worker = new Worker(join(__dirname, 'batch-counter-thread.ts'), {
    execArgv: ['--require', 'ts-node/register/transpile-only'],
    workerData,
  });
  let nextId = 0;
  let writes = 0;
  const waiting = new Map<number, { resolve: (result: CountingResult) => void; reject: (error: Error) => void }>();
  worker.on('message', (reply: CounterReply) => {
    if ('log' in reply) return log[reply.log.level](reply.log.event, reply.log.fields);
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) pending?.reject(new Error(reply.error));
    else {
      writes = reply.writes;
      pending?.resolve(reply.result);
    }
  });
  worker.on('error', (error) => {
    log.error('counter_thread_failed', { errorName: error.name, errorMessage: error.message });
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  });
  const ask = (kind: CounterRequest['kind']) =>
    new Promise<CountingResult>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, kind } satisfies CounterRequest);
    });
  return {
    countNow: () => ask('countNow'),
    ownClientWrites: () => writes,
    stop: async () => {
      await ask('stop').catch(() => undefined);
      await worker.terminate();
    },
  };
}
