import { fnv1a } from '../core/threat-model';
import type { ReporterStore } from './ports';

/** The global budget is spread over shard items, like the counters, so a wave does not heat one key. */
export const BUDGET_SHARDS = 10;
/** Budget window items outlive their minute by this much, then expire. */
const WINDOW_TTL_SECONDS = 600;
/** The most replies one process leases at once; also at most a quarter of a shard's share (see ReplyBudget). */
const MAX_LEASE = 16;

/**
 * The service's replies per minute, shared by every process (every Lambda instance) through DynamoDB.
 *
 * Each process leases replies from the budget's shard items in blocks that double (1, 2, 4 … 16) while its minute
 * lasts, and hands them out from memory: in a wave one write pays for up to 16 replies instead of one each, and a
 * process's first reply of a minute leases just that one, so a quiet process reserves nothing it does not use. A lease takes only what is left under the shard's share, so the
 * budget is never exceeded; what a process has leased and not used when its minute ends is simply not spent (at
 * most MAX_LEASE - 1 replies per process and minute). Small budgets lease one at a time and stay exact.
 */
export class ReplyBudget {
  readonly #store: Pick<ReporterStore, 'bump'>;
  /** Replies each shard item may grant per minute. */
  readonly #share: number;
  readonly #maxLease: number;
  #minute = '';
  #leased = 0;
  #nextLease = 1;
  /** Shards found spent this minute: a report on one is held back without asking the table again. */
  readonly #spent = new Set<number>();
  /** The lease in flight, so that concurrent reports wait for it instead of each leasing their own. */
  #pending: Promise<unknown> | null = null;

  constructor(store: Pick<ReporterStore, 'bump'>, repliesPerMinute: number) {
    this.#store = store;
    this.#share = Math.ceil(repliesPerMinute / BUDGET_SHARDS);
    this.#maxLease = Math.max(1, Math.min(MAX_LEASE, Math.floor(this.#share / 4)));
  }

  /** Whether one more reply fits this minute's budget; `key` (the MessageSid) picks the shard a lease comes from. */
  async take(now: Date, key: string): Promise<boolean> {
    const minute = now.toISOString().slice(0, 16);
    // Only a later minute starts afresh: a report stamped just before the turn must not throw away the new pool.
    if (minute > this.#minute) this.#startMinute(minute);
    for (;;) {
      if (minute === this.#minute && this.#leased > 0) {
        this.#leased--;
        return true;
      }
      if (!this.#pending) break;
      await this.#pending;
    }
    const shard = fnv1a(key) % BUDGET_SHARDS;
    if (minute === this.#minute && this.#spent.has(shard)) return false;
    return this.#lease(minute, shard, Math.floor(now.getTime() / 1000) + WINDOW_TTL_SECONDS);
  }

  #startMinute(minute: string): void {
    this.#minute = minute;
    this.#leased = 0;
    this.#nextLease = 1;
    this.#spent.clear();
    this.#pending = null;
  }

  /** Leases a block from one shard; keeps all but one reply of it for later reports and takes that one. */
  async #lease(minute: string, shard: number, expiresAt: number): Promise<boolean> {
    const size = this.#nextLease;
    this.#nextLease = Math.min(size * 2, this.#maxLease);
    const lease = this.#store.bump(`BUDGET#${minute}#${shard}`, expiresAt, size).then((total) => {
      // `total` counts every reply leased from this shard this minute, ours included (the last `size` of them).
      const granted = Math.max(0, Math.min(size, this.#share - (total - size)));
      if (minute === this.#minute) {
        if (granted < size) this.#spent.add(shard);
        if (granted > 0) this.#leased += granted - 1;
      }
      return granted > 0;
    });
    const pending = lease.catch(() => undefined);
    this.#pending = pending;
    try {
      return await lease;
    } finally {
      if (this.#pending === pending) this.#pending = null;
    }
  }
}
