import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { tableDefinition } from '../adapters/dynamo-table';

export interface LocalEngine {
  /** http://127.0.0.1:PORT — real DynamoDB API traffic, to an engine embedded in this process. */
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
  /** Takes the engine off the air (connections refused), as an outage would; data stays on disk. */
  pause(): Promise<void>;
  /** Brings it back on the same port and data, so existing clients reconnect. */
  resume(): Promise<void>;
}

/** A DynamoDB client for a local endpoint; the credentials are placeholders the engine does not check. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

/**
 * Starts dynalite on 127.0.0.1. With `dataDir`, data is kept on disk (LevelDB) and survives restarts;
 * without it, the engine keeps data in memory (tests).
 */
export async function startDynalite(options: { dataDir?: string; port?: number } = {}): Promise<LocalEngine> {
  const listenOn = async (port: number) => {
    const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return server;
  };
  const close = (server: Server) =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  let server: Server | null = await listenOn(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      if (server) await close(server);
      server = null;
    },
    pause: async () => {
      if (server) await close(server);
      server = null;
    },
    resume: async () => {
      server ??= await listenOn(port);
    },
  };
}

/** Creates the service's table unless it exists. Returns true when it had to create it. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  return true;
}
