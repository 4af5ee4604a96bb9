import type { CounterDimension } from '../app/counters';
import { addDays } from './periods';
import type { Alert, AlertKind, AlertPublisher, AlertStore, CounterReader } from './ports';
import { findSpikes, type SpikeInput } from './spike-detection';

/** The baseline: the same hour of day over this many previous days (docs/alerts.md). */
const BASELINE_DAYS = 7;
const KINDS: Readonly<Record<AlertKind, CounterDimension>> = { brand_category: 'brand_category', domain: 'domain' };

export interface SpikeRunDependencies {
  readonly counters: CounterReader;
  readonly alerts: AlertStore;
  readonly publisher: AlertPublisher;
}

/** The spike inputs of one hour for one dimension: its count now and at the same hour on each previous day. */
async function spikeInputs(hour: string, dimension: CounterDimension, counters: CounterReader): Promise<SpikeInput[]> {
  const day = hour.slice(0, 10);
  const hourIndex = Number(hour.slice(11, 13));
  const rows = await counters.dayCounters(dimension, addDays(day, -BASELINE_DAYS), day);
  const byValue = new Map<string, { current: number; baseline: number[] }>();
  for (const row of rows) {
    const entry = byValue.get(row.value) ?? { current: 0, baseline: new Array<number>(BASELINE_DAYS).fill(0) };
    const count = row.hours[hourIndex] ?? 0;
    const daysAgo = Math.round((Date.parse(day) - Date.parse(row.day)) / 86_400_000);
    if (daysAgo === 0) entry.current = count;
    else entry.baseline[daysAgo - 1] = count;
    byValue.set(row.value, entry);
  }
  return [...byValue.entries()]
    .filter(([, entry]) => entry.current > 0)
    .map(([key, entry]) => ({ key, current: entry.current, baseline: entry.baseline }));
}

/**
 * Looks for spikes in one hour (per brand × category and per domain), keeps each new one and publishes those not
 * kept before, so a run every 15 minutes announces a wave once. Returns the new alerts.
 */
export async function runSpikeDetection(hour: string, deps: SpikeRunDependencies): Promise<Alert[]> {
  const fresh: Alert[] = [];
  for (const [kind, dimension] of Object.entries(KINDS) as [AlertKind, CounterDimension][]) {
    const findings = findSpikes(await spikeInputs(hour, dimension, deps.counters));
    for (const finding of findings) {
      const alert: Alert = {
        kind,
        key: finding.key,
        hour,
        count: finding.current,
        baseline: finding.baseline,
        pValue: finding.pValue,
      };
      if (await deps.alerts.keep(alert)) fresh.push(alert);
    }
  }
  if (fresh.length > 0) await deps.publisher.publish(fresh);
  return fresh;
}
