import { join } from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../adapters/dynamo-incident-store';
import { jsonLogger } from '../adapters/log';
import { type LocalResponder, startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';
import { meterItemWrites } from '../local/write-meter';
import { REPORTERS, reporterNationalNumber } from './load-reporters';

const HELP = `Usage / 使い方: npm run load -- [--requests 5000] [--concurrency 50] [--max-seconds 120]

Starts the responder on an in-memory engine, sends signed webhook requests like Twilio, and prints throughput,
latency percentiles and non-2xx responses; then checks that incidents and counter sums equal the requests sent,
and how many DynamoDB items each incident writes (its write units, items being under 1 KB). A second, small run at concurrency 4 measures latency alone.
署名付きWebhookリクエストを送り、処理量・遅延・件数の一致を表示します。`;

const LURES = [
  '【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました。配送物は下記よりご確認ください http://sagawa-xq.top',
  "Amazon: 483920 is your sign-in code. For your security, don't share it.",
  'USPS: your package could not be delivered due to an incomplete address. Update: https://usps-redelivery.top/x',
  '【三井住友銀行】お客様の口座が一時停止されました。本人確認をお願いします https://smbc-kakunin.top',
  'Hi Mum, this is my new number, my phone broke. Can you message me on WhatsApp?',
];

/** The code in the sign-in lure above, and the reporters' numbers as load-sender.ts writes them (national part). */
const SENT_CODE = '483920';
const REPORTER_NATIONAL = new Set(Array.from({ length: REPORTERS }, (_, i) => reporterNationalNumber(i)));
const DIGIT_RUN = /\d[\d ().-]{8,}\d/g;

/** Whether a stored item (as JSON) holds the code, or a reporter's number in any writing (+81 90…, 090-…, 90…). */
function leaksPrivateData(json: string): boolean {
  if (json.includes(SENT_CODE)) return true;
  for (const run of json.match(DIGIT_RUN) ?? []) {
    const digits = run.replace(/\D/g, '');
    for (let end = 10; end <= digits.length; end++) if (REPORTER_NATIONAL.has(digits.slice(end - 10, end))) return true;
  }
  return false;
}

interface RunResult {
  readonly sent: number;
  readonly seconds: number;
  readonly non2xx: number;
  readonly latencies: number[];
}

/** Runs the senders in a worker thread and waits for their figures. */
function run(
  responder: LocalResponder,
  requests: number,
  concurrency: number,
  maxSeconds: number,
  offset: number,
): Promise<RunResult> {
  const worker = new Worker(join(__dirname, 'load-sender.ts'), {
    execArgv: ['--require', 'ts-node/register/transpile-only'],
    workerData: {
      url: responder.webhookUrl,
      authToken: responder.config.twilioAuthToken,
      requests,
      concurrency,
      maxSeconds,
      offset,
      lures: LURES,
    },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: { progress?: number; done?: RunResult; error?: string }) => {
      if (message.progress !== undefined) process.stderr.write(`  ${message.progress}/${requests} sent…\n`);
      if (message.done) resolve(message.done);
      if (message.error) reject(new Error(message.error));
    });
    worker.on('error', reject);
  }).finally(() => worker.terminate()) as Promise<RunResult>;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function summary(name: string, result: RunResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    run: name,
    requests: result.sent,
    'requests/s': Math.round(result.sent / result.seconds),
    'p50 ms': Number(percentile(sorted, 0.5).toFixed(1)),
    'p95 ms': Number(percentile(sorted, 0.95).toFixed(1)),
    'p99 ms': Number(percentile(sorted, 0.99).toFixed(1)),
    'non-2xx': result.non2xx,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '50' },
      'max-seconds': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const maxSeconds = Number(values['max-seconds']);
  if (![requests, concurrency, maxSeconds].every((n) => Number.isInteger(n) && n > 0)) {
    process.stderr.write('--requests, --concurrency and --max-seconds take whole numbers above 0\n');
    return 2;
  }
  const responder = await startLocalResponder(localSettings({ PORT: '0' }), {
    persist: false,
    engineProcess: true,
    log: jsonLogger(() => undefined),
    env: { REPLIES_PER_MINUTE: '1000000' },
  });
  const webhookItemWrites = meterItemWrites(responder.engine.client);
  try {
    process.stderr.write(`sending ${requests} signed requests at concurrency ${concurrency}…\n`);
    // How busy the webhook's thread was: near 100% means the responder's own CPU bounds the throughput.
    const busyBefore = nodePerformance.eventLoopUtilization();
    const main = await run(responder, requests, concurrency, maxSeconds, 0);
    const webhookThreadBusy = nodePerformance.eventLoopUtilization(busyBefore).utilization;
    // The latency run starts on a settled responder: the counter first takes in what the first run left, so its
    // catch-up is not charged to the latency of the second.
    const countTimed = async () => {
      const started = performance.now();
      const { counted } = await responder.countNow();
      return { counted, ms: performance.now() - started };
    };
    const settled = await countTimed();
    const latency = await run(responder, Math.min(500, requests), 4, maxSeconds, requests);
    console.table([summary(`concurrency ${concurrency}`, main), summary('concurrency 4', latency)]);

    // The batch counter ran beside the webhook all along; this counts what its last tick had not reached.
    const atEnd = await countTimed();
    const incidentsSent = Math.max(1, main.sent + latency.sent);
    const webhookWrites = webhookItemWrites() / incidentsSent;
    const countingWrites = responder.counterWrites() / incidentsSent;
    const store = new DynamoIncidentStore(responder.engine.client, responder.config.tableName);
    // Every item is read back: the incidents are counted, and none may hold a reporter's number or the code sent.
    let incidents = 0;
    let privacyLeaks = 0;
    let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await responder.engine.client.send(
        new ScanCommand({ TableName: responder.config.tableName, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        if (item.type?.S === 'incident') incidents++;
        if (leaksPrivateData(JSON.stringify(item))) privacyLeaks++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const days = [...new Set([new Date(Date.now() - 86_400_000), new Date()].map((d) => d.toISOString().slice(0, 10)))];
    let counted = 0;
    for (const day of days)
      counted += await store.counterTotal({ granularity: 'day', period: day, dimension: 'total', value: 'all' });
    const sent = main.sent + latency.sent;
    console.table({
      'requests sent': sent,
      'incidents stored': incidents,
      'counter sum (total, by day)': counted,
      'webhook thread busy during the first run (%)': Math.round(webhookThreadBusy * 100),
      'DynamoDB items written per incident: webhook': Number(webhookWrites.toFixed(2)),
      'DynamoDB items written per incident: batch counting': Number(countingWrites.toFixed(2)),
      'left to count after the first run (counted before the second)': settled.counted,
      'ms to count those': Math.round(settled.ms),
      'left to count after the last request': atEnd.counted,
      'ms to count them': Math.round(atEnd.ms),
      'items holding a reporter number or the code': privacyLeaks,
      verdict:
        incidents === sent && counted === sent && privacyLeaks === 0
          ? 'OK: nothing lost, nothing counted twice, nothing private stored'
          : 'MISMATCH',
    });
    const clean = incidents === sent && counted === sent && privacyLeaks === 0;
    return clean && main.non2xx + latency.non2xx === 0 ? 0 : 1;
  } finally {
    await responder.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `load failed / 負荷試験に失敗しました: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
