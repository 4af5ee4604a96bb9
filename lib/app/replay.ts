import type { Clock, IncidentSpool, IncidentStore, Logger } from './ports';

export interface ReplayResult {
  readonly counted: number;
  readonly failed: number;
}

/** Only incidents older than this are replayed: the webhook that recorded a younger one may still be counting it. */
export const REPLAY_GRACE_MS = 2 * 60_000;
/** A claim lasts far longer than any count takes (the function times out after 10 s). */
export const CLAIM_MS = 5 * 60_000;

/**
 * Counts incidents that were recorded but not counted (a crash or an outage came between). Safe to run at any
 * time, any number of times and from several places at once: each incident is claimed before it is counted, and
 * counting itself is exactly-once.
 */
export async function countUncounted(
  store: IncidentStore,
  clock: Clock,
  log: Logger,
  options: { batch?: number; maxBatches?: number; onProgress?: (counted: number) => void } = {},
): Promise<ReplayResult> {
  const batch = options.batch ?? 100;
  let counted = 0;
  let failed = 0;
  for (let round = 0; round < (options.maxBatches ?? 1000); round++) {
    const now = clock.now().getTime();
    const pending = await store.uncounted(batch, new Date(now - REPLAY_GRACE_MS).toISOString());
    if (pending.length === 0) break;
    const results = await Promise.allSettled(
      pending.map(async (incident) => {
        const claimed = await store.claimForCount(
          incident,
          new Date(now).toISOString(),
          new Date(now + CLAIM_MS).toISOString(),
        );
        if (claimed) await store.count(incident);
        return claimed;
      }),
    );
    const done = results.filter((r) => r.status === 'fulfilled' && r.value).length;
    counted += done;
    failed += results.filter((r) => r.status === 'rejected').length;
    options.onProgress?.(counted);
    // Nothing moved (the store fails, or others hold every claim): stop; the next run picks up the rest.
    if (done === 0) break;
  }
  if (failed > 0) log.warn('replay_incomplete', { outcome: `${failed} failed` });
  return { counted, failed };
}

export interface FullReplayResult {
  /** Incidents taken from the spool and written (or found written already). */
  readonly unspooled: number;
  /** Incidents still in the spool (the store is still failing). */
  readonly stillSpooled: number;
  readonly counted: number;
  readonly failed: number;
}

/**
 * The whole replay: write what the spool kept (a duplicate MessageSid means it landed after all), then count
 * everything left uncounted. Nothing is written or counted twice, whatever ran before.
 */
export async function replayAll(deps: {
  store: IncidentStore;
  spool: IncidentSpool;
  clock: Clock;
  log: Logger;
}): Promise<FullReplayResult> {
  const { written, left } = await deps.spool.drain(async (incident) => {
    await deps.store.record(incident);
    // The webhook gave up on a spooled incident before counting it; the claim keeps a parallel replay out.
    const now = deps.clock.now().getTime();
    const claimed = await deps.store.claimForCount(
      incident,
      new Date(now).toISOString(),
      new Date(now + CLAIM_MS).toISOString(),
    );
    if (claimed) await deps.store.count(incident);
  });
  const { counted, failed } = await countUncounted(deps.store, deps.clock, deps.log);
  return { unspooled: written, stillSpooled: left, counted, failed };
}
