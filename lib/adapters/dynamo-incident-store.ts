import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import {
  COUNTER_SHARDS,
  type CounterDimension,
  type CounterKey,
  type CounterTarget,
  counterTargets,
  type Granularity,
  shardOf,
} from '../app/counters';
import type { Incident, IncidentStore, RecordOutcome } from '../app/ports';
import { CATEGORIES } from '../core/types';
import { BY_DAY_INDEX, TABLE_KEYS, TTL_ATTRIBUTE, UNCOUNTED_INDEX } from './dynamo-table';

/** Counters outlive incidents: trends need a year and a month, incidents only their retention. */
export const COUNTER_RETENTION_DAYS = 400;
/** Incidents per day are spread over this many index partitions, like the counters. */
const INDEX_SHARDS = COUNTER_SHARDS;

/** Key of the incident item: one per Twilio MessageSid, which makes retried webhooks land on the same item. */
export function incidentKey(messageSid: string): Record<string, AttributeValue> {
  return { [TABLE_KEYS.partitionKey]: { S: `INCIDENT#${messageSid}` }, [TABLE_KEYS.sortKey]: { S: 'INCIDENT' } };
}

/**
 * Key of one shard of one day's counter. One partition per dimension and shard holds every value and day, so a
 * trend over a month is one Query per shard (sort key range), never a scan. The item holds the day's count in
 * `count` and each hour's in `hHH`: one update per incident and target keeps both.
 */
export function counterKey(day: string, target: CounterTarget, shard: number): Record<string, AttributeValue> {
  return {
    [TABLE_KEYS.partitionKey]: { S: counterPartition(target.dimension, shard) },
    [TABLE_KEYS.sortKey]: { S: `${day}#${target.value}` },
  };
}

export function counterPartition(dimension: CounterDimension, shard: number): string {
  return `COUNT#${dimension}#${shard}`;
}

/** The attribute of a counter item that holds this granularity's count. */
export function countAttribute(granularity: Granularity, isoTime: string): string {
  return granularity === 'day' ? 'count' : `h${isoTime.slice(11, 13)}`;
}

const str = (value: string): AttributeValue => ({ S: value });

function toItem(incident: Incident): Record<string, AttributeValue> {
  const shard = shardOf(incident.messageSid);
  const order = `${incident.receivedAt}#${incident.messageSid}`;
  return {
    ...incidentKey(incident.messageSid),
    type: str('incident'),
    messageSid: str(incident.messageSid),
    reporter: str(incident.reporter),
    channel: str(incident.channel),
    category: str(incident.category),
    risk: str(incident.risk),
    brand: incident.brand === null ? { NULL: true } : str(incident.brand),
    domains: { L: incident.domains.map(str) },
    sender: incident.sender === null ? { NULL: true } : str(incident.sender),
    lang: str(incident.lang),
    evidence: { L: incident.evidence.map(str) },
    maskedText: str(incident.maskedText),
    receivedAt: str(incident.receivedAt),
    [TTL_ATTRIBUTE]: { N: String(incident.expiresAt) },
    // Present only until the incident is counted: a sparse index of the work a crash may have left.
    [UNCOUNTED_INDEX.partitionKey]: str(`UNCOUNTED#${shard}`),
    [UNCOUNTED_INDEX.sortKey]: str(order),
    [BY_DAY_INDEX.partitionKey]: str(`DAY#${incident.receivedAt.slice(0, 10)}#${shard % INDEX_SHARDS}`),
    [BY_DAY_INDEX.sortKey]: str(order),
  };
}

const StoredIncidentSchema = z.object({
  messageSid: z.object({ S: z.string() }),
  reporter: z.object({ S: z.string() }),
  channel: z.object({ S: z.enum(['sms', 'whatsapp']) }),
  category: z.object({ S: z.enum(CATEGORIES) }),
  risk: z.object({ S: z.enum(['low', 'medium', 'high']) }),
  brand: z.union([z.object({ S: z.string() }), z.object({ NULL: z.literal(true) })]),
  domains: z.object({ L: z.array(z.object({ S: z.string() })) }),
  sender: z.union([z.object({ S: z.string() }), z.object({ NULL: z.literal(true) })]).optional(),
  lang: z.object({ S: z.enum(['ja', 'en']) }),
  evidence: z.object({ L: z.array(z.object({ S: z.string() })) }),
  maskedText: z.object({ S: z.string() }),
  receivedAt: z.object({ S: z.string() }),
  expiresAt: z.object({ N: z.string() }),
});

/** Reads an incident item back, validated: a malformed item is an error, not a silent wrong count. */
export function fromItem(item: Record<string, AttributeValue>): Incident {
  const i = StoredIncidentSchema.parse(item);
  return {
    messageSid: i.messageSid.S,
    reporter: i.reporter.S,
    channel: i.channel.S,
    category: i.category.S,
    risk: i.risk.S,
    brand: 'S' in i.brand ? i.brand.S : null,
    domains: i.domains.L.map((d) => d.S),
    sender: i.sender && 'S' in i.sender ? i.sender.S : null,
    lang: i.lang.S,
    evidence: i.evidence.L.map((e) => e.S),
    maskedText: i.maskedText.S,
    receivedAt: i.receivedAt.S,
    expiresAt: Number(i.expiresAt.N),
  };
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * IncidentStore over DynamoDB, without transactions (the embedded engine has none).
 *
 * Counting is exactly-once by three ordered steps (docs/data-model.md): (1) each counter shard gets ADD 1 together
 * with the incident's sid in a string set, on condition the set does not hold it yet; (2) the incident is marked
 * counted; (3) the sid is deleted from the sets again, which keeps them small. A crash before (2) leaves the
 * incident in the uncounted index; repeating (1) then adds only where the sid is missing.
 */
export class DynamoIncidentStore implements IncidentStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async record(incident: Incident): Promise<RecordOutcome> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(incident),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error)) return 'duplicate';
      throw error;
    }
  }

  async count(incident: Incident, options: { justRecorded?: boolean } = {}): Promise<void> {
    // Counted already (step 2 done)? Its sid may be gone from the sets, so step 1 must not run again. The webhook
    // that has just recorded the incident knows the answer and skips the read.
    if (!options.justRecorded) {
      const current = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: incidentKey(incident.messageSid),
          ConsistentRead: true,
          ProjectionExpression: '#ucpk',
          ExpressionAttributeNames: { '#ucpk': UNCOUNTED_INDEX.partitionKey },
        }),
      );
      if (!current.Item?.[UNCOUNTED_INDEX.partitionKey]) return;
    }
    const shard = shardOf(incident.messageSid);
    const day = incident.receivedAt.slice(0, 10);
    const targets = counterTargets(incident);
    const counterExpiry = Math.floor(Date.parse(incident.receivedAt) / 1000) + COUNTER_RETENTION_DAYS * 86_400;
    await Promise.all(
      targets.map(async (target) => {
        try {
          await this.client.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: counterKey(day, target, shard),
              UpdateExpression:
                'ADD #count :one, #hour :one, #applied :sids SET #expires = if_not_exists(#expires, :expires)',
              ConditionExpression: 'attribute_not_exists(#applied) OR NOT contains(#applied, :sid)',
              ExpressionAttributeNames: {
                '#count': 'count',
                '#hour': countAttribute('hour', incident.receivedAt),
                '#applied': 'applied',
                '#expires': TTL_ATTRIBUTE,
              },
              ExpressionAttributeValues: {
                ':one': { N: '1' },
                ':sids': { SS: [incident.messageSid] },
                ':sid': { S: incident.messageSid },
                ':expires': { N: String(counterExpiry) },
              },
            }),
          );
        } catch (error) {
          // Already added by an earlier, interrupted attempt: exactly what the condition is for.
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: incidentKey(incident.messageSid),
        UpdateExpression: 'REMOVE #ucpk, #ucsk',
        ExpressionAttributeNames: { '#ucpk': UNCOUNTED_INDEX.partitionKey, '#ucsk': UNCOUNTED_INDEX.sortKey },
      }),
    );
    await Promise.all(
      targets.map((target) =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: counterKey(day, target, shard),
            UpdateExpression: 'DELETE #applied :sids',
            ExpressionAttributeNames: { '#applied': 'applied' },
            ExpressionAttributeValues: { ':sids': { SS: [incident.messageSid] } },
          }),
        ),
      ),
    );
  }

  async claimForCount(incident: Incident, now: string, until: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: incidentKey(incident.messageSid),
          UpdateExpression: 'SET #claim = :until',
          ConditionExpression: 'attribute_exists(#ucpk) AND (attribute_not_exists(#claim) OR #claim < :now)',
          ExpressionAttributeNames: { '#claim': 'countClaimUntil', '#ucpk': UNCOUNTED_INDEX.partitionKey },
          ExpressionAttributeValues: { ':until': { S: until }, ':now': { S: now } },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async uncounted(limit: number, receivedBefore: string): Promise<Incident[]> {
    const perShard = await Promise.all(
      Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: UNCOUNTED_INDEX.name,
            KeyConditionExpression: '#pk = :pk AND #sk < :before',
            ExpressionAttributeNames: { '#pk': UNCOUNTED_INDEX.partitionKey, '#sk': UNCOUNTED_INDEX.sortKey },
            ExpressionAttributeValues: { ':pk': { S: `UNCOUNTED#${shard}` }, ':before': { S: receivedBefore } },
            Limit: limit,
          }),
        ),
      ),
    );
    return perShard
      .flatMap((page) => page.Items ?? [])
      .map(fromItem)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .slice(0, limit);
  }

  /** The sum over a counter's shards (the read side of sharding). */
  async counterTotal(key: CounterKey): Promise<number> {
    const day = key.period.slice(0, 10);
    const page = await this.client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [this.tableName]: {
            Keys: Array.from({ length: COUNTER_SHARDS }, (_, shard) => counterKey(day, key, shard)),
            ConsistentRead: true,
          },
        },
      }),
    );
    const attribute = countAttribute(key.granularity, `${key.period}:00`);
    return (page.Responses?.[this.tableName] ?? []).reduce((sum, item) => sum + Number(item[attribute]?.N ?? 0), 0);
  }
}
