import { inboundDependencies } from '../lib/adapters/aws-dependencies';
import { replayAll } from '../lib/app/replay';
import { loadConfig } from '../lib/config';

const deps = inboundDependencies(loadConfig());

// Scheduled: writes what the spool queue kept during an outage and counts what a crash left uncounted.
export const handler = async () => {
  const result = await replayAll(deps);
  deps.log.info('replay_done', { outcome: JSON.stringify(result) });
  return result;
};
