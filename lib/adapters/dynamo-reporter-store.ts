import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { shardOf } from '../app/counters';
import type { LatestReport, ReporterStore, Suppression } from '../app/ports';
import { CATEGORIES } from '../core/types';
import * as z from '../zod-mini';
import { COUNTER_RETENTION_DAYS, countAttribute, counterKey } from './dynamo-incident-store';
import { TABLE_KEYS, TTL_ATTRIBUTE } from './dynamo-table';

const key = (pk: string, sk: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: pk },
  [TABLE_KEYS.sortKey]: { S: sk },
});

const StateSchema = z.object({
  optedOut: z.optional(z.object({ BOOL: z.boolean() })),
  messageSid: z.optional(z.object({ S: z.string() })),
  category: z.optional(z.object({ S: z.enum(CATEGORIES) })),
  brand: z.optional(z.union([z.object({ S: z.string() }), z.object({ NULL: z.literal(true) })])),
  lang: z.optional(z.object({ S: z.enum(['ja', 'en']) })),
  receivedAt: z.optional(z.object({ S: z.string() })),
  latestExpiresAt: z.optional(z.object({ N: z.string() })),
});

/**
 * Per-reporter state (opt-out and last report, one item, so a report reads the opt-out while it writes the last
 * report) and the abuse guards' rate windows, in the single table.
 */
export class DynamoReporterStore implements ReporterStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setOptedOut(reporter: string, optedOut: boolean, at: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key(`REPORTER#${reporter}`, 'STATE'),
        UpdateExpression: 'SET optedOut = :optedOut, optedOutChangedAt = :at',
        ExpressionAttributeValues: { ':optedOut': { BOOL: optedOut }, ':at': { S: at } },
      }),
    );
  }

  async rememberLatest(
    reporter: string,
    latest: LatestReport,
    expiresAt: number,
    hour: string,
  ): Promise<{ optedOut: boolean; reportsThisHour: number }> {
    const remember =
      'SET messageSid = :sid, category = :category, brand = :brand, lang = :lang, receivedAt = :at, latestExpiresAt = :expires';
    const values: Record<string, AttributeValue> = {
      ':sid': { S: latest.messageSid },
      ':category': { S: latest.category },
      ':brand': latest.brand === null ? { NULL: true } : { S: latest.brand },
      ':lang': { S: latest.lang },
      ':at': { S: latest.receivedAt },
      ':expires': { N: String(expiresAt) },
      ':hour': { S: hour },
      ':one': { N: '1' },
    };
    // Most reporters send one report in an hour: start the window in the same write that remembers the report.
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key(`REPORTER#${reporter}`, 'STATE'),
          UpdateExpression: `${remember}, rateHour = :hour, rateCount = :one`,
          ConditionExpression: 'attribute_not_exists(rateHour) OR rateHour <> :hour',
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { optedOut: Attributes?.optedOut?.BOOL === true, reportsThisHour: 1 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Not the first this hour: add to the window. (Should the hour turn in between, the report is counted in the
    // new hour's window, which errs on the side of fewer replies.)
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key(`REPORTER#${reporter}`, 'STATE'),
        UpdateExpression: `${remember}, rateHour = :hour ADD rateCount :one`,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return {
      optedOut: Attributes?.optedOut?.BOOL === true,
      reportsThisHour: Number(Attributes?.rateCount?.N ?? 1),
    };
  }

  async state(reporter: string): Promise<{ optedOut: boolean; latest: LatestReport | null }> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(`REPORTER#${reporter}`, 'STATE') }),
    );
    const item = StateSchema.parse(Item ?? {});
    const optedOut = item.optedOut?.BOOL === true;
    const { messageSid, category, brand, lang, receivedAt, latestExpiresAt } = item;
    // The last report counts for 24 hours; the item itself stays (the opt-out must outlive it).
    const fresh = latestExpiresAt !== undefined && Number(latestExpiresAt.N) * 1000 > this.now().getTime();
    if (!fresh || !messageSid || !category || !brand || !lang || !receivedAt) return { optedOut, latest: null };
    return {
      optedOut,
      latest: {
        messageSid: messageSid.S,
        category: category.S,
        brand: 'S' in brand ? brand.S : null,
        lang: lang.S,
        receivedAt: receivedAt.S,
      },
    };
  }

  async bump(window: string, expiresAt: number, by: number): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key(window, 'WINDOW'),
        UpdateExpression: 'ADD #n :by SET #expires = if_not_exists(#expires, :expires)',
        ExpressionAttributeNames: { '#n': 'n', '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':by': { N: String(by) }, ':expires': { N: String(expiresAt) } },
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
