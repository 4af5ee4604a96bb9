import { countPendingLogged } from './counting';
import type { Clock, IncidentSpool, IncidentStore, Logger } from './ports';

export interface FullReplayResult {
  /** Incidents taken from the spool and written (or found written already). */
  readonly unspooled: number;
  /** Incidents still in the spool (the store is still failing). */
  readonly stillSpooled: number;
  readonly counted: number;
  /** Counting stopped on a store failure; the next run resumes it. */
  readonly failed: boolean;
}

/**
 * The whole replay: write what the spool kept (a duplicate MessageSid means it landed after all), then count
 * everything not yet counted. Nothing is written or counted twice, whatever ran before.
 */
export async function replayAll(
  deps: { store: IncidentStore; spool: IncidentSpool; clock: Clock; log: Logger },
  options: { holder: string; deadline?: number },
): Promise<FullReplayResult> {
  const { unspooled, stillSpooled } = await drainSpool(deps);
  const { counted, failed } = await countPendingLogged(deps.store, deps.clock, deps.log, options);
  return { unspooled, stillSpooled, counted, failed };
}

/** Writes what the spool kept; a duplicate MessageSid means the write landed after all. */
export async function drainSpool(deps: {
  store: IncidentStore;
  spool: IncidentSpool;
}): Promise<Pick<FullReplayResult, 'unspooled' | 'stillSpooled'>> {
  const { written, left } = await deps.spool.drain(async (incident) => {
    await deps.store.record(incident);
  });
  return { unspooled: written, stillSpooled: left };
}
