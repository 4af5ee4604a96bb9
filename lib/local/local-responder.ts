import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboundDependencies } from '../adapters/aws-dependencies';
import type { Logger } from '../app/ports';
import { type FullReplayResult, replayAll } from '../app/replay';
import { type Config, loadConfig } from '../config';
import { createInboundHandler } from '../http/inbound-handler';
import { type LocalSettings, localServiceEnv, localWebhookUrl } from './local-settings';
import { createLocalServer, type EventHandler, listen, WEBHOOK_PATH } from './server';
import { ensureTable, type LocalEngine, startDynalite } from './start-dynalite';

export interface LocalResponder {
  readonly port: number;
  readonly webhookUrl: string;
  readonly config: Config;
  readonly engine: LocalEngine;
  readonly tableCreated: boolean;
  /** Writes what the spool kept and counts what was left uncounted: the local form of the scheduled replay. */
  replay(): Promise<FullReplayResult>;
  stop(): Promise<void>;
}

/**
 * The whole responder on this machine: dynalite (on disk when `dataDir` is set), the table, and the webhook served
 * by the production handler. `npm start` and the end-to-end tests both boot it through here.
 */
export async function startLocalResponder(
  settings: LocalSettings,
  options: {
    persist: boolean;
    env?: Readonly<Record<string, string | undefined>>;
    log?: Logger;
    /** Run the engine in its own process (a core of its own): npm start and npm run load. */
    engineProcess?: boolean;
  } = { persist: true },
): Promise<LocalResponder> {
  // In memory (tests) the spool still needs a file: a fresh folder of its own, never the developer's .data.
  const dataDir = options.persist ? settings.dataDir : await mkdtemp(join(tmpdir(), 'smish-'));
  const engine = await startDynalite({
    dataDir: options.persist ? dataDir : undefined,
    ownProcess: options.engineProcess ?? false,
  });
  let server: Server | undefined;
  try {
    const routes: Record<string, EventHandler> = {};
    server = createLocalServer(routes);
    const port = await listen(server, settings.port);
    const webhookUrl = localWebhookUrl(settings, port);
    const config = loadConfig(localServiceEnv({ ...settings, dataDir }, webhookUrl, options.env));
    const tableCreated = await ensureTable(engine.client, config.tableName);
    const deps = inboundDependencies(config, { client: engine.client, log: options.log });
    routes[WEBHOOK_PATH] = createInboundHandler(deps);
    const running = server;
    return {
      port,
      webhookUrl,
      config,
      engine,
      tableCreated,
      replay: () => replayAll(deps),
      stop: async () => {
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections();
        });
        await engine.stop();
      },
    };
  } catch (error) {
    server?.close();
    await engine.stop();
    throw error;
  }
}
