import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { dynamoClient } from '../adapters/dynamo-client';
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
  return dynamoClient({
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
type Listening = { close(): Promise<void> };

async function listenInProcess(dataDir: string | undefined, port: number): Promise<Listening & { port: number }> {
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The parent's Node options without its TypeScript loader. fork() passes them all on by default, and the engine is
 * plain JavaScript: ts-node would only slow its start and load node:repl, and with it node:domain, which adds a
 * check to every event emitter the engine creates. Memory options stay.
 */
function engineExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? '';
    if ((arg === '-r' || arg === '--require') && execArgv[i + 1]?.startsWith('ts-node')) i++;
    else if (!/^--require=ts-node/.test(arg)) kept.push(arg);
  }
  return kept;
}

async function listenInChild(dataDir: string | undefined, port: number): Promise<Listening & { port: number }> {
  const child: ChildProcess = fork(join(__dirname, 'dynalite-process.js'), [dataDir ?? '', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: engineExecArgv(process.execArgv),
  });
  const ready = await new Promise<{ port?: number; error?: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port?: number; error?: string }));
    child.once('exit', (code) => reject(new Error(`the embedded engine exited (${code})`)));
  });
  if (ready.port === undefined) throw new Error(`the embedded engine did not start: ${ready.error ?? 'unknown'}`);
  return {
    port: ready.port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts dynalite on 127.0.0.1. With `dataDir`, data is kept on disk (LevelDB) and survives restarts; without it,
 * the engine keeps data in memory (tests). With `ownProcess`, it runs in a child process, so the engine and the
 * responder do not share one core (npm start, npm run load).
 */
export async function startDynalite(
  options: { dataDir?: string; port?: number; ownProcess?: boolean } = {},
): Promise<LocalEngine> {
  const listen = options.ownProcess ? listenInChild : listenInProcess;
  let running: Listening | null = await listen(options.dataDir, options.port ?? 0);
  const port = (running as Listening & { port: number }).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await running?.close();
      running = null;
    },
    pause: async () => {
      await running?.close();
      running = null;
    },
    resume: async () => {
      running ??= await listen(options.dataDir, port);
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
