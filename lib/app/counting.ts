import { batchContributions, type CounterContribution, shardOf } from './counters';
import { type Clock, errorFields, type Incident, type IncidentStore, type Logger } from './ports';

/**
 * Incidents counted together: their contributions are added to the counters in one increment per counter item.
 * Written down before any counter moves, so that a counter that dies midway is finished, not redone.
 */
export interface CountingBatch {
  /** The smallest member MessageSid: every incident is in exactly one batch, so no two batches share an id. */
  readonly id: string;
  /** The counter shard every contribution of this batch goes to. */
  readonly shard: number;
  readonly members: readonly string[];
  readonly contributions: readonly CounterContribution[];
}

export function countingBatch(incidents: readonly Incident[]): CountingBatch {
  const members = incidents.map((incident) => incident.messageSid).sort();
  const id = members[0];
  if (id === undefined) throw new Error('a counting batch needs at least one incident');
  return { id, shard: shardOf(id), members, contributions: batchContributions(incidents) };
}

/** One counter at a time holds the turn; it lasts far longer than a batch takes, and is renewed per batch. */
export const COUNTING_TURN_MS = 60_000;
/** A batch is at most this many incidents: its per-batch writes (one per counter item, twice) spread over more. */
export const COUNTING_BATCH = 250;

export interface CountingResult {
  readonly counted: number;
  /** Another counter holds the turn: this one did nothing, and it need not (the other counts). */
  readonly busy: boolean;
}

/**
 * Counts every recorded incident not yet counted, exactly once, in batches: finishes what an interrupted counter
 * began, then batches the rest. Safe to run at any time and from several places at once: one holds the turn, the
 * others return busy. Stops at `deadline` (epoch ms of the injected clock) or when nothing is left (a periodic run:
 * see below).
 */
export async function countPending(
  store: IncidentStore,
  clock: Clock,
  options: {
    holder: string;
    deadline?: number;
    batch?: number;
    /**
     * A periodic run stops after a batch less than half full: what keeps arriving waits for the next run and fills
     * its batches, rather than being counted in a trickle of small, costly ones.
     */
    periodic?: boolean;
    onProgress?: (counted: number) => void;
  },
): Promise<CountingResult> {
  const turn = async () => {
    const now = clock.now().getTime();
    return store.claimCountingTurn(
      options.holder,
      new Date(now).toISOString(),
      new Date(now + COUNTING_TURN_MS).toISOString(),
    );
  };
  const size = Math.min(options.batch ?? COUNTING_BATCH, COUNTING_BATCH);
  // Reads only, so that an idle tick writes nothing; the turn's holder reads again before it acts.
  const [unfinished, pending] = await Promise.all([store.unfinishedBatches(), store.anyUncounted()]);
  if (unfinished.length === 0 && !pending) return { counted: 0, busy: false };
  if (!(await turn())) return { counted: 0, busy: true };
  let counted = 0;
  try {
    for (const unfinished of await store.unfinishedBatches()) {
      await store.finishBatch(unfinished);
      counted += unfinished.members.length;
    }
    for (;;) {
      if (options.deadline !== undefined && clock.now().getTime() >= options.deadline) break;
      const pending = await store.uncounted(size);
      if (pending.length === 0) break;
      // Renewed before each batch: a turn that ran out mid-batch could let a second counter finish it twice.
      if (!(await turn())) break;
      const batch = countingBatch(pending);
      await store.beginBatch(batch);
      await store.finishBatch(batch, pending);
      counted += batch.members.length;
      options.onProgress?.(counted);
      if (options.periodic && batch.members.length < size / 2) break;
    }
  } finally {
    await store.releaseCountingTurn(options.holder);
  }
  return { counted, busy: false };
}

/** countPending for a scheduled run: a failure is logged once and left for the next run, which resumes it. */
export async function countPendingLogged(
  store: IncidentStore,
  clock: Clock,
  log: Logger,
  options: Parameters<typeof countPending>[2],
): Promise<CountingResult & { failed: boolean }> {
  try {
    return { ...(await countPending(store, clock, options)), failed: false };
  } catch (error) {
    log.warn('counting_incomplete', errorFields(error));
    return { counted: 0, busy: false, failed: true };
  }
}
