import { spikeRunDependencies } from '../lib/adapters/operator-dependencies';
import { loadOperatorConfig } from '../lib/config';
import { addHours, hourOf } from '../lib/operators/periods';
import { runSpikeDetection } from '../lib/operators/spike-run';

const deps = spikeRunDependencies(loadOperatorConfig());

// Every 15 minutes: the current hour, and the previous one, whose last quarter the last run did not see yet.
// Alerts are kept once per hour and key, so looking twice publishes nothing twice.
export const handler = async () => {
  const current = hourOf(new Date());
  const fresh = [
    ...(await runSpikeDetection(addHours(current, -1), deps)),
    ...(await runSpikeDetection(current, deps)),
  ];
  return { newAlerts: fresh.length };
};
