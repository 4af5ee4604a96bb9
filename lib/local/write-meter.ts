import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const SINGLE_ITEM_WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

/** Items a BatchWriteItem input writes: every put and delete request, across tables. */
function batchItems(input: unknown): number {
  if (typeof input !== 'object' || input === null || !('RequestItems' in input)) return 0;
  const tables = input.RequestItems;
  if (typeof tables !== 'object' || tables === null) return 0;
  return Object.values(tables).reduce(
    (sum: number, requests) => sum + (Array.isArray(requests) ? requests.length : 0),
    0,
  );
}

/**
 * Counts the items this client writes (a BatchWriteItem counts each of its requests): with items under 1 KB, the
 * write units they cost in DynamoDB, before index entries. Add it before the client's first write call (the
 * service's clients cache their middleware per command type).
 */
export function meterItemWrites(client: DynamoDBClient): () => number {
  let items = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      if (SINGLE_ITEM_WRITES.has(name)) items += 1;
      else if (name === 'BatchWriteItemCommand') items += batchItems(args.input);
      return next(args);
    },
    { step: 'initialize', name: 'meterItemWrites' },
  );
  return () => items;
}
