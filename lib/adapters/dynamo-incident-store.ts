import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Incident, IncidentStore, RecordOutcome } from '../app/ports';
import { TABLE_KEYS } from './dynamo-table';

/** Key of the incident item: one per Twilio MessageSid, which makes retried webhooks land on the same item. */
export function incidentKey(messageSid: string): Record<string, AttributeValue> {
  return { [TABLE_KEYS.partitionKey]: { S: `INCIDENT#${messageSid}` }, [TABLE_KEYS.sortKey]: { S: 'INCIDENT' } };
}

const str = (value: string): AttributeValue => ({ S: value });

function toItem(incident: Incident): Record<string, AttributeValue> {
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
    lang: str(incident.lang),
    evidence: { L: incident.evidence.map(str) },
    maskedText: str(incident.maskedText),
    receivedAt: str(incident.receivedAt),
    expiresAt: { N: String(incident.expiresAt) },
  };
}

/** IncidentStore over DynamoDB: a conditional put, so a second write of the same MessageSid is a duplicate. */
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
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }
}
