import { inboundDependencies } from '../lib/adapters/inbound-dependencies';
import { jsonLogger } from '../lib/adapters/log';
import { onFirstUse, withServiceSecret } from '../lib/adapters/service-secret';
import { errorFields } from '../lib/app/ports';
import { loadConfig } from '../lib/config';
import { createInboundHandler } from '../lib/http/inbound-handler';

// Config, secret and clients are built once per cold start; a missing setting fails loudly in the logs, once.
const inbound = onFirstUse(async () =>
  createInboundHandler(inboundDependencies(loadConfig(await withServiceSecret(process.env)))),
);

export const handler = async (event: unknown) => {
  try {
    return await (await inbound())(event);
  } catch (error) {
    jsonLogger().error('cold_start_failed', errorFields(error));
    throw error;
  }
};
