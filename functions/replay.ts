import { inboundDependencies } from '../lib/adapters/inbound-dependencies';
import { onFirstUse, withServiceSecret } from '../lib/adapters/service-secret';
import { replayAll } from '../lib/app/replay';
import { loadConfig } from '../lib/config';

const dependencies = onFirstUse(async () => inboundDependencies(loadConfig(await withServiceSecret(process.env))));

// Scheduled: writes what the spool queue kept during an outage and counts what a crash left uncounted.
export const handler = async () => {
  const deps = await dependencies();
  const result = await replayAll(deps);
  deps.log.info('replay_done', { outcome: JSON.stringify(result) });
  return result;
};
