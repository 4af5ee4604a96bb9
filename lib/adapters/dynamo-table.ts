import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single table's shape, shared by the store, the local bootstrap and the CDK stack, so the three cannot drift.
 * Every GSI is declared here up front: the embedded engine cannot add one to an existing table, which is also why
 * the schema has a version that local table names carry (3: counters keyed by dimension and shard, day in the
 * sort key).
 */
export const TABLE_SCHEMA_VERSION = 3;
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';
/** Sparse index of incidents not yet counted (sharded partition keys), read by the replay. */
export const UNCOUNTED_INDEX = { name: 'uncounted', partitionKey: 'ucpk', sortKey: 'ucsk' } as const;
/** Incidents by day (sharded partition keys), for the operators' recent-incidents list. */
export const BY_DAY_INDEX = { name: 'byDay', partitionKey: 'daypk', sortKey: 'daysk' } as const;

/** CreateTable input for a table of the given name (on-demand billing, string keys). */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const indexes = [UNCOUNTED_INDEX, BY_DAY_INDEX];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      TABLE_KEYS.partitionKey,
      TABLE_KEYS.sortKey,
      ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
