import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore, incidentKey } from '../../lib/adapters/dynamo-incident-store';
import type { Incident } from '../../lib/app/ports';
import { useTestTable } from '../support/dynalite';

const incident = (messageSid: string): Incident => ({
  messageSid,
  reporter: 'a'.repeat(64),
  channel: 'sms',
  category: 'phishing_link',
  risk: 'high',
  brand: 'amazon',
  domains: ['amaz0n-jp.top'],
  sender: 'tel:PH/mobile/0123456789ab',
  lang: 'ja',
  evidence: ['link_not_official'],
  maskedText: '【Amazon】アカウント停止 https://amaz0n-jp.top/login',
  receivedAt: '2026-11-23T00:00:00.000Z',
  expiresAt: 1_787_443_200,
});

describe('DynamoIncidentStore against dynalite', () => {
  const table = useTestTable();

  it('writes the incident with its TTL attribute, readable over the real API', async () => {
    const store = new DynamoIncidentStore(table().client, table().tableName);
    await expect(store.record(incident('SM00000000000000000000000000000001'))).resolves.toBe('recorded');
    const { Item } = await table().client.send(
      new GetItemCommand({ TableName: table().tableName, Key: incidentKey('SM00000000000000000000000000000001') }),
    );
    expect(Item).toMatchObject({
      category: { S: 'phishing_link' },
      brand: { S: 'amazon' },
      domains: { L: [{ S: 'amaz0n-jp.top' }] },
      expiresAt: { N: '1787443200' },
    });
  });

  it('reports a second write of the same MessageSid as a duplicate and keeps the first', async () => {
    const store = new DynamoIncidentStore(table().client, table().tableName);
    const sid = 'SM00000000000000000000000000000002';
    await store.record(incident(sid));
    await expect(store.record({ ...incident(sid), category: 'other' })).resolves.toBe('duplicate');
    const { Item } = await table().client.send(
      new GetItemCommand({ TableName: table().tableName, Key: incidentKey(sid) }),
    );
    expect(Item?.category).toEqual({ S: 'phishing_link' });
  });

  it('stores a null brand as NULL', async () => {
    const store = new DynamoIncidentStore(table().client, table().tableName);
    const sid = 'SM00000000000000000000000000000003';
    await store.record({ ...incident(sid), brand: null });
    const { Item } = await table().client.send(
      new GetItemCommand({ TableName: table().tableName, Key: incidentKey(sid) }),
    );
    expect(Item?.brand).toEqual({ NULL: true });
  });
});
