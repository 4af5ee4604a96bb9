import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * The service's DynamoDB client, lighter per call (both measured under npm run load):
 * - the SDK's logger middleware runs every request and answer through its redaction filter on every call, even
 *   when nothing is logged; the service never lets the SDK log (items hold reports), so the middleware goes;
 * - `cacheMiddleware` resolves the middleware stack once per command type instead of on every call (the SDK's own
 *   option). Middleware added later (tests, npm run load) must be added before the first call of a command type.
 */
export function dynamoClient(config: DynamoDBClientConfig): DynamoDBClient {
  const client = new DynamoDBClient({ cacheMiddleware: true, ...config });
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
