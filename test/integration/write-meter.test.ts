import { BatchWriteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../lib/local/start-dynalite';
import { meterItemWrites } from '../../lib/local/write-meter';
import { useTestTable } from '../support/dynalite';

describe('the write meter npm run load reports with (dynalite, real API)', () => {
  const table = useTestTable();

  it('counts one item per put or update and every request of a batch write, and no reads', async () => {
    // A client of its own: the meter must be on it before its first write (middleware is cached per command).
    const client = localDynamoClient(table().endpoint);
    const written = meterItemWrites(client);
    const key = (n: number) => ({ pk: { S: `METER#${n}` }, sk: { S: 'X' } });
    await client.send(new PutItemCommand({ TableName: table().tableName, Item: key(1) }));
    await client.send(
      new UpdateItemCommand({
        TableName: table().tableName,
        Key: key(1),
        UpdateExpression: 'SET n = :n',
        ExpressionAttributeValues: { ':n': { N: '1' } },
      }),
    );
    await client.send(new GetItemCommand({ TableName: table().tableName, Key: key(1) }));
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table().tableName]: [
            { PutRequest: { Item: key(2) } },
            { PutRequest: { Item: key(3) } },
            { DeleteRequest: { Key: key(1) } },
          ],
        },
      }),
    );
    expect(written()).toBe(5);
  });
});
