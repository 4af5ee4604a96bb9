import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { COUNTER_SHARDS, type CounterDimension } from '../app/counters';
import type { Incident } from '../app/ports';
import { addDays } from '../operators/periods';
import type {
  Alert,
  AlertStore,
  CounterReader,
  CounterRow,
  IncidentPage,
  IncidentPageQuery,
  IncidentReader,
} from '../operators/ports';
import { counterPartition, fromItem } from './dynamo-incident-store';
import { BY_DAY_INDEX, TABLE_KEYS, TTL_ATTRIBUTE } from './dynamo-table';

/** Alerts are kept this long: the API shows at most the last 30 days. */
const ALERT_RETENTION_DAYS = 30;
const HOURS = Array.from({ length: 24 }, (_, hour) => `h${String(hour).padStart(2, '0')}`);
const DAY_LENGTH = 'YYYY-MM-DD'.length;

/** Every page of a query: a month of one dimension can pass DynamoDB's 1 MB page. */
async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const StoredAlertSchema = z.object({
  kind: z.object({ S: z.enum(['brand_category', 'domain']) }),
  key: z.object({ S: z.string() }),
  hour: z.object({ S: z.string() }),
  count: z.object({ N: z.string() }),
  baseline: z.object({ N: z.string() }),
  pValue: z.object({ N: z.string() }),
});

/** The operators' reads (counters, recent incidents) and the alerts, over the service's one table. */
export class DynamoOperatorStore implements CounterReader, IncidentReader, AlertStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** One Query per shard over the day range of the sort key; shards of one value and day are summed. */
  async dayCounters(dimension: CounterDimension, fromDay: string, toDay: string): Promise<CounterRow[]> {
    const perShard = await Promise.all(
      Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
        queryAll(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
          ExpressionAttributeValues: {
            ':pk': { S: counterPartition(dimension, shard) },
            ':from': { S: `${fromDay}#` },
            // "$" sorts after "#": every value of the last day.
            ':to': { S: `${toDay}$` },
          },
        }),
      ),
    );
    const rows = new Map<string, { day: string; value: string; count: number; hours: number[] }>();
    for (const item of perShard.flat()) {
      const sortKey = item[TABLE_KEYS.sortKey]?.S ?? '';
      const day = sortKey.slice(0, DAY_LENGTH);
      const value = sortKey.slice(DAY_LENGTH + 1);
      const row = rows.get(sortKey) ?? { day, value, count: 0, hours: new Array<number>(24).fill(0) };
      row.count += Number(item.count?.N ?? 0);
      HOURS.forEach((attribute, hour) => {
        row.hours[hour] = (row.hours[hour] ?? 0) + Number(item[attribute]?.N ?? 0);
      });
      rows.set(sortKey, row);
    }
    return [...rows.values()];
  }

  /**
   * Newest first over the byDay index: each day from `toDay` back, every shard queried in descending order and
   * merged, until the page is full. One more item than asked tells whether there is a next page.
   */
  async recentIncidents(query: IncidentPageQuery): Promise<IncidentPage> {
    const wanted = query.limit + 1;
    const found: Incident[] = [];
    for (let day = query.toDay; day >= query.fromDay && found.length < wanted; day = addDays(day, -1)) {
      if (query.before !== null && query.before.slice(0, DAY_LENGTH) < day) continue;
      const perShard = await Promise.all(
        Array.from({ length: COUNTER_SHARDS }, (_, shard) => this.dayShard(day, shard, query, wanted - found.length)),
      );
      found.push(
        ...perShard
          .flat()
          .sort((a, b) => orderOf(b).localeCompare(orderOf(a)))
          .slice(0, wanted - found.length),
      );
    }
    const items = found.slice(0, query.limit);
    const last = items.at(-1);
    return { items, next: found.length > query.limit && last ? orderOf(last) : null };
  }

  private async dayShard(day: string, shard: number, query: IncidentPageQuery, wanted: number): Promise<Incident[]> {
    const names: Record<string, string> = { '#pk': BY_DAY_INDEX.partitionKey };
    const values: Record<string, AttributeValue> = { ':pk': { S: `DAY#${day}#${shard}` } };
    const filters: string[] = [];
    if (query.category !== null) {
      names['#category'] = 'category';
      values[':category'] = { S: query.category };
      filters.push('#category = :category');
    }
    if (query.brand !== null) {
      names['#brand'] = 'brand';
      values[':brand'] = { S: query.brand };
      filters.push('#brand = :brand');
    }
    let condition = '#pk = :pk';
    if (query.before !== null) {
      names['#sk'] = BY_DAY_INDEX.sortKey;
      values[':before'] = { S: query.before };
      condition += ' AND #sk < :before';
    }
    const found: Incident[] = [];
    let start: Record<string, AttributeValue> | undefined;
    // A filter is applied after Limit, so pages may come back short: read on until enough matched or none are left.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_DAY_INDEX.name,
          KeyConditionExpression: condition,
          FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: wanted,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []).map(fromItem));
      start = page.LastEvaluatedKey;
    } while (start && found.length < wanted);
    return found;
  }

  async keep(alert: Alert): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(`${alert.hour}:00:00Z`) / 1000) + ALERT_RETENTION_DAYS * 86_400;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            [TABLE_KEYS.partitionKey]: { S: `ALERT#${alert.hour.slice(0, DAY_LENGTH)}` },
            [TABLE_KEYS.sortKey]: { S: `${alert.hour}#${alert.kind}#${alert.key}` },
            kind: { S: alert.kind },
            key: { S: alert.key },
            hour: { S: alert.hour },
            count: { N: String(alert.count) },
            baseline: { N: String(alert.baseline) },
            pValue: { N: String(alert.pValue) },
            [TTL_ATTRIBUTE]: { N: String(expiresAt) },
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recent(days: readonly string[]): Promise<Alert[]> {
    const perDay = await Promise.all(
      days.map((day) =>
        queryAll(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':pk': { S: `ALERT#${day}` } },
        }),
      ),
    );
    return perDay
      .flat()
      .map((item) => {
        const a = StoredAlertSchema.parse(item);
        return {
          kind: a.kind.S,
          key: a.key.S,
          hour: a.hour.S,
          count: Number(a.count.N),
          baseline: Number(a.baseline.N),
          pValue: Number(a.pValue.N),
        };
      })
      .sort((a, b) => b.hour.localeCompare(a.hour) || a.pValue - b.pValue);
  }
}

const orderOf = (incident: Incident) => `${incident.receivedAt}#${incident.messageSid}`;
