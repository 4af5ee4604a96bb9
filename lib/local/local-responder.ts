import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboundDependencies } from '../adapters/inbound-dependencies';
import { operatorDependencies, spikeRunDependencies } from '../adapters/operator-dependencies';
import type { CountingResult } from '../app/counting';
import type { Clock, Logger } from '../app/ports';
import { drainSpool, type FullReplayResult } from '../app/replay';
import { type Config, loadConfig, loadOperatorConfig } from '../config';
import { createInboundHandler } from '../http/inbound-handler';
import { createOperatorHandler } from '../http/operator-handler';
import { hourOf } from '../operators/periods';
import type { Alert, AlertPublisher } from '../operators/ports';
import { runSpikeDetection } from '../operators/spike-run';
import { inlineBatchCounter, threadBatchCounter } from './batch-counter';
import { type LocalSettings, localServiceEnv, localWebhookUrl } from './local-settings';
import { createLocalServer, type EventHandler, listen, WEBHOOK_PATH } from './server';

/** Paths the operator handler serves, as the HTTP API's operator routes do in AWS. */
const isOperatorPath = (path: string) =>
  path.startsWith('/v1/') || path === '/dashboard' || path.startsWith('/dashboard/');

import { ensureTable, type LocalEngine, startDynalite } from './start-dynalite';

export interface LocalResponder {
  readonly port: number;
  readonly webhookUrl: string;
  readonly config: Config;
  readonly engine: LocalEngine;
  readonly tableCreated: boolean;
  /** The bearer token of the operator API and dashboard on this machine. */
  readonly operatorToken: string;
  /** Looks for spikes in the given hour (default: the current one), keeps and publishes new alerts. */
  detectSpikes(hour?: string): Promise<Alert[]>;
  /** Writes what the spool kept and counts what is not counted yet: the local form of the scheduled replay. */
  replay(): Promise<FullReplayResult>;
  /**
   * Counts every incident recorded so far (the webhook leaves counting to a batch counter, which runs here every
   * `countEveryMs`); resolves when the counters include them all.
   */
  countNow(): Promise<CountingResult>;
  /** See BatchCounter.ownClientWrites. */
  counterWrites(): number;
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
    /** The time reports are recorded at: `npm run seed-demo` replays a month through the webhook. */
    clock?: Clock;
    /** Where new alerts go (npm start prints them); by default nowhere but the store. */
    alertPublisher?: AlertPublisher;
    /** How often the batch counter runs (default 1 s, so batches fill up as they do in AWS; 0: only when asked, through countNow). */
    countEveryMs?: number;
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
    const routes: { inbound?: EventHandler; operator?: EventHandler } = {};
    server = createLocalServer((path) =>
      path === WEBHOOK_PATH ? routes.inbound : isOperatorPath(path) ? routes.operator : undefined,
    );
    const port = await listen(server, settings.port);
    const webhookUrl = localWebhookUrl(settings, port);
    const serviceEnv = localServiceEnv({ ...settings, dataDir }, webhookUrl, options.env);
    const config = loadConfig(serviceEnv);
    const tableCreated = await ensureTable(engine.client, config.tableName);
    const overrides = { client: engine.client, log: options.log, clock: options.clock };
    const deps = inboundDependencies(config, overrides);
    routes.inbound = createInboundHandler(deps);
    const operatorConfig = loadOperatorConfig({ ...serviceEnv, OPERATOR_AUTH: 'bearer' });
    routes.operator = createOperatorHandler(operatorDependencies(operatorConfig, overrides));
    const spikeDeps = spikeRunDependencies(operatorConfig, {
      client: engine.client,
      publisher: options.alertPublisher ?? { publish: async () => undefined },
    });
    const operatorToken = operatorConfig.auth.kind === 'bearer' ? operatorConfig.auth.token : '';
    const running = server;
    // Counting runs beside the webhook as the scheduled function does in AWS: in a thread of its own when the engine
    // has a process of its own (npm start, npm run load), on this thread otherwise (tests).
    const counting = {
      holder: `local-${process.pid}-${port}`,
      everyMs: options.countEveryMs ?? 1_000,
    };
    const counter = options.engineProcess
      ? threadBatchCounter({
          ...counting,
          endpoint: engine.endpoint,
          tableName: config.tableName,
          callsInFlight: config.countingCallsInFlight,
          log: deps.log,
        })
      : inlineBatchCounter({ ...counting, store: deps.store, clock: deps.clock, log: deps.log });
    return {
      port,
      webhookUrl,
      config,
      engine,
      tableCreated,
      operatorToken,
      detectSpikes: (hour) => runSpikeDetection(hour ?? hourOf(deps.clock.now()), spikeDeps),
      replay: async () => {
        const { unspooled, stillSpooled } = await drainSpool(deps);
        const { counted } = await counter.countNow();
        return { unspooled, stillSpooled, counted, failed: false };
      },
      countNow: () => counter.countNow(),
      counterWrites: () => counter.ownClientWrites(),
      stop: async () => {
        await counter.stop();
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
