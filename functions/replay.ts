import { inboundDependencies } from '../lib/adapters/inbound-dependencies';
import { onFirstUse, withServiceSecret } from '../lib/adapters/service-secret';
import { replayAll } from '../lib/app/replay';
import { loadConfig } from '../lib/config';

const dependencies = onFirstUse(async () => inboundDependencies(loadConfig(await withServiceSecret(process.env))));

/** The parts of the Lambda context this function uses. */
interface LambdaContext {
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Left for writing the result and for the last batch to finish before the function's own timeout. */
const MARGIN_MS = 15_000;

// Scheduled every minute: writes what the spool queue kept during an outage, then counts the incidents recorded
// since the last run, in batches, until none are left or the minute is nearly up.
export const handler = async (_event: unknown, context: LambdaContext) => {
  const deps = await dependencies();
  const deadline = deps.clock.now().getTime() + context.getRemainingTimeInMillis() - MARGIN_MS;
  const result = await replayAll(deps, { holder: context.awsRequestId, deadline });
  deps.log.info('replay_done', { outcome: JSON.stringify(result) });
  return result;
};
