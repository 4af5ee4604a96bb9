import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { shardOf } from '../app/counters';
import type { LatestReport, ReporterStore, Suppression } from '../app/ports';
import { CATEGORIES } from '../core/types';
import { COUNTER_RETENTION_DAYS, countAttribute, counterKey } from './dynamo-incident-store';
import { TABLE_KEYS, TTL_ATTRIBUTE } from './dynamo-table';

const key = (pk: string, sk: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: pk },
  [TABLE_KEYS.sortKey]: { S: sk },
});

const LatestSchema = z.object({
  messageSid: z.object({ S: z.string() }),
  category: z.object({ S: z.enum(CATEGORIES) }),
  brand: z.union([z.object({ S: z.string() }), z.object({ NULL: z.literal(true) })]),
  lang: z.object({ S: z.enum(['ja', 'en']) }),
  receivedAt: z.object({ S: z.string() }),
  expiresAt: z.object({ N: z.string() }),
});

/** Per-reporter state (opt-out, last report) and the abuse guards' rate windows, in the single table. */
export class DynamoReporterStore implements ReporterStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setOptedOut(reporter: string, optedOut: boolean, at: string): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(`REPORTER#${reporter}`, 'OPTOUT'), optedOut: { BOOL: optedOut }, at: { S: at } },
      }),
    );
  }

  async isOptedOut(reporter: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(`REPORTER#${reporter}`, 'OPTOUT') }),
    );
    return Item?.optedOut?.BOOL === true;
  }

  async rememberLatest(reporter: string, latest: LatestReport, expiresAt: number): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          ...key(`REPORTER#${reporter}`, 'LATEST'),
          messageSid: { S: latest.messageSid },
          category: { S: latest.category },
          brand: latest.brand === null ? { NULL: true } : { S: latest.brand },
          lang: { S: latest.lang },
          receivedAt: { S: latest.receivedAt },
          [TTL_ATTRIBUTE]: { N: String(expiresAt) },
        },
      }),
    );
  }

  async latest(reporter: string): Promise<LatestReport | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(`REPORTER#${reporter}`, 'LATEST') }),
    );
    if (!Item) return null;
    const item = LatestSchema.parse(Item);
    // TTL deletes within about two days, not on the second: an expired item is treated as gone.
    if (Number(item.expiresAt.N) * 1000 <= this.now().getTime()) return null;
    return {
      messageSid: item.messageSid.S,
      category: item.category.S,
      brand: 'S' in item.brand ? item.brand.S : null,
      lang: item.lang.S,
      receivedAt: item.receivedAt.S,
    };
  }

  async bump(window: string, expiresAt: number): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key(window, 'WINDOW'),
        UpdateExpression: 'ADD #n :one SET #expires = if_not_exists(#expires, :expires)',
        ExpressionAttributeNames: { '#n': 'n', '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':expires': { N: String(expiresAt) } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.n?.N ?? 0);
  }

  async countSuppression(reason: Suppression, at: string, messageSid: string): Promise<void> {
    const expiresAt = Math.floor(Date.parse(at) / 1000) + COUNTER_RETENTION_DAYS * 86_400;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: counterKey(at.slice(0, 10), { dimension: 'suppressed', value: reason }, shardOf(messageSid)),
        UpdateExpression: 'ADD #count :one, #hour :one SET #expires = if_not_exists(#expires, :expires)',
        ExpressionAttributeNames: { '#count': 'count', '#hour': countAttribute('hour', at), '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':expires': { N: String(expiresAt) } },
      }),
    );
  }
}
