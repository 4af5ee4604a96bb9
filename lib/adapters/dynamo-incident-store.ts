import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  COUNTER_DIMENSIONS,
  COUNTER_SHARDS,
  type CounterContribution,
  type CounterDimension,
  type CounterKey,
  type CounterTarget,
  type Granularity,
  shardOf,
} from '../app/counters';
import type { CountingBatch } from '../app/counting';
import type { Incident, IncidentStore, RecordOutcome } from '../app/ports';
import { CATEGORIES } from '../core/types';
import * as z from '../zod-mini';
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
  sender: z.optional(z.union([z.object({ S: z.string() }), z.object({ NULL: z.literal(true) })])),
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

/** Whether a conditional write happened: false when its condition held it back, which every caller expects. */
async function passed(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The counting turn and unfinished batches share one partition: one strongly consistent Query finds them all. */
const COUNTING_PARTITION = 'COUNTING';
const TURN_SORT_KEY = 'TURN';
const BATCH_PREFIX = 'BATCH#';
const countingKey = (sortKey: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: COUNTING_PARTITION },
  [TABLE_KEYS.sortKey]: { S: sortKey },
});
const batchKey = (batchId: string) => countingKey(`${BATCH_PREFIX}${batchId}`);
/** A batch's phase once every counter has its share and every member is marked: only clean-up is left. */
const CLEANING = 'cleaning';

const ContributionsSchema = z.array(
  z.object({
    day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    target: z.object({ dimension: z.enum(COUNTER_DIMENSIONS), value: z.string().check(z.minLength(1)) }),
    hours: z.record(z.string().check(z.regex(/^\d{2}$/)), z.int().check(z.positive())),
  }),
);
const StoredBatchSchema = z.object({
  batchId: z.object({ S: z.string().check(z.minLength(1)) }),
  shard: z.object({ N: z.string() }),
  members: z.object({ SS: z.array(z.string()).check(z.minLength(1)) }),
  contributions: z.object({ S: z.string() }),
});

function batchFromItem(item: Record<string, AttributeValue>): CountingBatch {
  const stored = StoredBatchSchema.parse(item);
  return {
    id: stored.batchId.S,
    shard: Number(stored.shard.N),
    members: stored.members.SS,
    contributions: ContributionsSchema.parse(JSON.parse(stored.contributions.S)),
  };
}

/**
 * Calls a batch keeps in flight at once, by default: enough to finish a batch in a few round trips in DynamoDB,
 * which serves them in parallel. The local engine serves one call at a time on the webhook's machine, so locally
 * the counter keeps one in flight and the webhook's calls never queue behind several of its own
 * (COUNTING_CALLS_IN_FLIGHT).
 */
export const DEFAULT_COUNTING_CALLS_IN_FLIGHT = 8;

async function eachLimited<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
}

/** How long to wait before sending again what a batch call left unprocessed (DynamoDB was throttling). */
const UNPROCESSED_RETRY_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Marks per BatchWriteItem (DynamoDB takes up to 25): short calls, so that the local engine, which serves one call at
 * a time, answers the webhook in between (npm run load's latency run).
 */
export const MARKS_PER_CALL = 5;
/** BatchGetItem answers at most this many keys per call. */
const BATCH_GET_LIMIT = 100;

/**
 * IncidentStore over DynamoDB, without transactions (the embedded engine has none).
 *
 * Counting is exactly-once by batches (docs/data-model.md): the one holder of the counting turn (1) writes the
 * batch down, (2) adds each contribution to its counter shard together with the batch id in a string set, on
 * condition the set does not hold it yet, (3) marks the members counted, (4) notes on the batch that only clean-up
 * is left, (5) deletes the id from the sets again (which keeps them small) and (6) forgets the batch. A counter
 * that dies anywhere after (1) leaves the batch written down; the next holder finishes it first: before (4),
 * repeating (2) adds only where the id is missing; from (4) on, it only cleans up.
 */
export class DynamoIncidentStore implements IncidentStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly countingCallsInFlight = DEFAULT_COUNTING_CALLS_IN_FLIGHT,
  ) {}

  async record(incident: Incident): Promise<RecordOutcome> {
    const written = await passed(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(incident),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
    return written ? 'recorded' : 'duplicate';
  }

  async uncounted(limit: number): Promise<Incident[]> {
    // Each shard gives its share: reading `limit` from every shard would read and parse ten times what is used.
    const listed = (await this.listUncounted(Math.ceil(limit / COUNTER_SHARDS)))
      .map(fromItem)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .slice(0, limit);
    const confirmed = new Set<string>();
    for (let start = 0; start < listed.length; start += BATCH_GET_LIMIT) {
      // The index is eventually consistent in DynamoDB: confirm on the table that each is still uncounted.
      const page = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: listed.slice(start, start + BATCH_GET_LIMIT).map((incident) => incidentKey(incident.messageSid)),
              ConsistentRead: true,
              ProjectionExpression: '#sid, #ucpk',
              ExpressionAttributeNames: { '#sid': 'messageSid', '#ucpk': UNCOUNTED_INDEX.partitionKey },
            },
          },
        }),
      );
      for (const item of page.Responses?.[this.tableName] ?? []) {
        const sid = item.messageSid?.S;
        if (sid !== undefined && item[UNCOUNTED_INDEX.partitionKey] !== undefined) confirmed.add(sid);
      }
    }
    // Keys the engine did not get to (throttling) are simply left for the next batch.
    return listed.filter((incident) => confirmed.has(incident.messageSid));
  }

  async anyUncounted(): Promise<boolean> {
    return (await this.listUncounted(1, [UNCOUNTED_INDEX.partitionKey])).length > 0;
  }

  /** Up to `perShard` entries of each shard of the uncounted index (only `attributes`, when given). */
  private async listUncounted(perShard: number, attributes?: string[]): Promise<Record<string, AttributeValue>[]> {
    const pages = await Promise.all(
      Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: UNCOUNTED_INDEX.name,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': UNCOUNTED_INDEX.partitionKey },
            ExpressionAttributeValues: { ':pk': { S: `UNCOUNTED#${shard}` } },
            ...(attributes ? { ProjectionExpression: attributes.join(', ') } : {}),
            Limit: perShard,
          }),
        ),
      ),
    );
    return pages.flatMap((page) => page.Items ?? []);
  }

  claimCountingTurn(holder: string, now: string, until: string): Promise<boolean> {
    return passed(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...countingKey(TURN_SORT_KEY), holder: { S: holder }, until: { S: until } },
          ConditionExpression: 'attribute_not_exists(#pk) OR #holder = :holder OR #until < :now',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#holder': 'holder', '#until': 'until' },
          ExpressionAttributeValues: { ':holder': { S: holder }, ':now': { S: now } },
        }),
      ),
    );
  }

  async releaseCountingTurn(holder: string): Promise<void> {
    // Held back when someone else holds it by now (ours ran out): theirs to release.
    await passed(
      this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: countingKey(TURN_SORT_KEY),
          ConditionExpression: '#holder = :holder',
          ExpressionAttributeNames: { '#holder': 'holder' },
          ExpressionAttributeValues: { ':holder': { S: holder } },
        }),
      ),
    );
  }

  async unfinishedBatches(): Promise<CountingBatch[]> {
    const batches: CountingBatch[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': { S: COUNTING_PARTITION }, ':prefix': { S: BATCH_PREFIX } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      batches.push(...(page.Items ?? []).map(batchFromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return batches;
  }

  async beginBatch(batch: CountingBatch): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          ...batchKey(batch.id),
          batchId: { S: batch.id },
          shard: { N: String(batch.shard) },
          members: { SS: [...batch.members] },
          contributions: { S: JSON.stringify(batch.contributions) },
        },
      }),
    );
  }

  async finishBatch(batch: CountingBatch, incidents?: readonly Incident[]): Promise<void> {
    const written = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: batchKey(batch.id),
        ConsistentRead: true,
        ProjectionExpression: '#phase',
        ExpressionAttributeNames: { '#phase': 'phase' },
      }),
    );
    // Finished and forgotten already: its marks are gone from the counters, so adding again would count twice.
    if (written.Item === undefined) return;
    // Once the clean-up has begun, some counters no longer hold the batch's mark: never add again from here on.
    if (written.Item.phase?.S !== CLEANING) {
      await eachLimited(batch.contributions, this.countingCallsInFlight, (contribution) =>
        this.addOnce(batch, contribution),
      );
      await this.markCounted(batch.members, incidents);
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: batchKey(batch.id),
          UpdateExpression: 'SET #phase = :cleaning',
          ExpressionAttributeNames: { '#phase': 'phase' },
          ExpressionAttributeValues: { ':cleaning': { S: CLEANING } },
        }),
      );
    }
    await eachLimited(batch.contributions, this.countingCallsInFlight, ({ day, target }) =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: counterKey(day, target, batch.shard),
          UpdateExpression: 'DELETE #applied :ids',
          ExpressionAttributeNames: { '#applied': 'applied' },
          ExpressionAttributeValues: { ':ids': { SS: [batch.id] } },
        }),
      ),
    );
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: batchKey(batch.id) }));
  }

  /**
   * Step (3): each member leaves the uncounted index. The incident item is written once and never updated, so it
   * is put back whole without the index attributes, MARKS_PER_CALL to a BatchWriteItem, rather than updated one call
   * each.
   */
  private async markCounted(members: readonly string[], known?: readonly Incident[]): Promise<void> {
    // A new batch's incidents are at hand (their stored items are exactly toItem of them); a batch finished after a
    // crash reads its members back, and only those still uncounted are put again.
    const stillUncounted = known ? known.map(toItem) : await this.readUncounted(members);
    const chunks: Record<string, AttributeValue>[][] = [];
    for (let start = 0; start < stillUncounted.length; start += MARKS_PER_CALL)
      chunks.push(stillUncounted.slice(start, start + MARKS_PER_CALL));
    await eachLimited(chunks, this.countingCallsInFlight, async (chunk) => {
      let requests = chunk.map((item) => {
        const { [UNCOUNTED_INDEX.partitionKey]: _pk, [UNCOUNTED_INDEX.sortKey]: _sk, ...counted } = item;
        return { PutRequest: { Item: counted } };
      });
      while (requests.length > 0) {
        const result = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        // What DynamoDB did not take now (throttling) is sent again; the rest of the protocol waits for it.
        requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
        );
        if (requests.length > 0) await pause(UNPROCESSED_RETRY_MS);
      }
    });
  }

  private async readUncounted(members: readonly string[]): Promise<Record<string, AttributeValue>[]> {
    const stillUncounted: Record<string, AttributeValue>[] = [];
    for (let start = 0; start < members.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, AttributeValue>[] = members.slice(start, start + BATCH_GET_LIMIT).map(incidentKey);
      while (keys.length > 0) {
        const page = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of page.Responses?.[this.tableName] ?? [])
          if (item[UNCOUNTED_INDEX.partitionKey] !== undefined) stillUncounted.push(item);
        keys = page.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (keys.length > 0) await pause(UNPROCESSED_RETRY_MS);
      }
    }
    return stillUncounted;
  }

  /** Step (2) for one counter item: ADD the batch's counts for the day and each hour, once per batch id. */
  private async addOnce(batch: CountingBatch, contribution: CounterContribution): Promise<void> {
    const hours = Object.entries(contribution.hours);
    const dayCount = hours.reduce((sum, [, n]) => sum + n, 0);
    const counterExpiry = Math.floor(Date.parse(contribution.day) / 1000) + COUNTER_RETENTION_DAYS * 86_400;
    // Held back when an earlier, interrupted attempt at this batch added it already: what the condition is for.
    await passed(
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: counterKey(contribution.day, contribution.target, batch.shard),
          UpdateExpression: `ADD #count :day, ${hours.map((_, i) => `#h${i} :h${i}`).join(', ')}, #applied :ids SET #expires = if_not_exists(#expires, :expires)`,
          ConditionExpression: 'attribute_not_exists(#applied) OR NOT contains(#applied, :id)',
          ExpressionAttributeNames: {
            '#count': 'count',
            '#applied': 'applied',
            '#expires': TTL_ATTRIBUTE,
            ...Object.fromEntries(hours.map(([hour], i) => [`#h${i}`, `h${hour}`])),
          },
          ExpressionAttributeValues: {
            ':day': { N: String(dayCount) },
            ':ids': { SS: [batch.id] },
            ':id': { S: batch.id },
            ':expires': { N: String(counterExpiry) },
            ...Object.fromEntries(hours.map(([, n], i) => [`:h${i}`, { N: String(n) }])),
          },
        }),
      ),
    );
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
