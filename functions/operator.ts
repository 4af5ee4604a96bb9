import { operatorDependencies } from '../lib/adapters/operator-dependencies';
import { loadOperatorConfig } from '../lib/config';
import { createOperatorHandler } from '../lib/http/operator-handler';

// Behind API Gateway's IAM authorizer: every operator route is SigV4-signed by the caller.
export const handler = createOperatorHandler(operatorDependencies(loadOperatorConfig()));
