import { tableDefinition } from '../../lib/adapters/dynamo-table';
import { ensureTable, type LocalEngine, startDynalite } from '../../lib/local/start-dynalite';

const LOOPBACK = /^http:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/;

export interface TestTable extends LocalEngine {
  readonly tableName: string;
}

/** An in-memory dynalite on a free loopback port with the service's table. Refuses any non-loopback endpoint. */
export async function startTestTable(tableName = 'smish-test'): Promise<TestTable> {
  const engine = await startDynalite();
  if (!LOOPBACK.test(engine.endpoint)) {
    await engine.stop();
    throw new Error(`tests only talk to a loopback DynamoDB endpoint, not ${engine.endpoint}`);
  }
  await ensureTable(engine.client, tableDefinition(tableName).TableName ?? tableName);
  return { ...engine, tableName };
}

/**
 * One test table for a describe block: started before its tests, stopped after them. Returns a getter, since the
 * table exists only once beforeAll has run.
 */
export function useTestTable(tableName?: string): () => TestTable {
  let table: TestTable | undefined;
  beforeAll(async () => {
    table = await startTestTable(tableName);
  });
  afterAll(async () => {
    await table?.stop();
  });
  return () => {
    if (!table) throw new Error('the test table is not started yet');
    return table;
  };
}
