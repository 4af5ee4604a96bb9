import { inboundDependencies } from '../lib/adapters/aws-dependencies';
import { loadConfig } from '../lib/config';
import { createInboundHandler } from '../lib/http/inbound-handler';

// Config and clients are built at cold start: a missing setting fails loudly in the logs, once.
export const handler = createInboundHandler(inboundDependencies(loadConfig()));
