import type { Server } from 'node:http';
import { inboundDependencies } from '../adapters/aws-dependencies';
import type { Logger } from '../app/ports';
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
  stop(): Promise<void>;
}

/**
 * The whole responder on this machine: dynalite (on disk when `dataDir` is set), the table, and the webhook served
 * by the production handler. `npm start` and the end-to-end tests both boot it through here.
 */
export async function startLocalResponder(
  settings: LocalSettings,
  options: { persist: boolean; env?: Readonly<Record<string, string | undefined>>; log?: Logger } = { persist: true },
): Promise<LocalResponder> {
  const engine = await startDynalite({ dataDir: options.persist ? settings.dataDir : undefined });
  let server: Server | undefined;
  try {
    const routes: Record<string, EventHandler> = {};
    server = createLocalServer(routes);
    const port = await listen(server, settings.port);
    const webhookUrl = localWebhookUrl(settings, port);
    const config = loadConfig(localServiceEnv(settings, webhookUrl, options.env));
    const tableCreated = await ensureTable(engine.client, config.tableName);
    routes[WEBHOOK_PATH] = createInboundHandler(
      inboundDependencies(config, { client: engine.client, log: options.log }),
    );
    const running = server;
    return {
      port,
      webhookUrl,
      config,
      engine,
      tableCreated,
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
