import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { paginateScan } from '@aws-sdk/client-dynamodb';
import { jsonLogger } from '../adapters/log';
import { startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';
import { type FuzzRequest, fuzzRequests, MUTATIONS } from '../local/request-mutations';
import { inboundSmsParams, sendSignedSms, twilioSignature } from '../local/twilio-simulator';

const HELP = `Usage / 使い方: npm run fuzz -- [--requests 2000] [--concurrency 8] [--seed 1] [--max-seconds 120]

Starts the responder on an in-memory engine and sends it mutated webhook requests: valid ones, hostile texts,
and requests with a missing, wrong or misplaced signature, changed or repeated fields, broken encodings, wrong
methods, types and sizes. Prints the statuses per mutation, then checks: no 5xx, no request left unanswered,
every status one the webhook may give, and no incident recorded from a request Twilio did not sign.
変異させたWebhookリクエストを送り、5xx・無応答・署名のない記録がないことを確かめます。`;

export interface FuzzOptions {
  readonly requests: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly maxSeconds: number;
  /** Run the engine in a process of its own, as `npm start` does (a core of its own for the CLI). */
  readonly engineProcess?: boolean;
}

export interface FuzzTally {
  readonly sent: number;
  readonly seconds: number;
  /** The run stopped at --max-seconds before sending every request. */
  readonly stoppedAtDeadline: boolean;
  /** Per mutation, how many got each status ("no answer" when the connection failed or timed out). */
  readonly byMutation: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly serverErrors: number;
  readonly noAnswer: number;
  /** Answers with a status the mutation may not get (an unsigned request answered 200, say). */
  readonly unexpected: readonly string[];
  readonly errorLogLines: readonly string[];
  readonly signedSent: number;
  readonly incidents: number;
  readonly incidentsFromUnsigned: number;
  /** A valid request sent after the run is still answered 200: the server survived. */
  readonly answersAfterwards: boolean;
}

const NO_ANSWER = 'no answer';
const REQUEST_TIMEOUT_MS = 10_000;

/** Sends the request's exact bytes; resolves with the status, or 0 when no answer came. */
function send(agent: Agent, fuzz: FuzzRequest): Promise<number> {
  const url = new URL(fuzz.url);
  const headers: Record<string, string | string[]> = { 'content-length': String(fuzz.body.length) };
  for (const [name, value] of Object.entries(fuzz.headers))
    headers[name] = typeof value === 'string' ? value : [...value];
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: fuzz.method,
        headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(0));
    req.end(fuzz.body);
  });
}

/** The message ids of every incident in the table, read with a full Scan: nothing recorded can hide from it. */
async function incidentSids(responder: Awaited<ReturnType<typeof startLocalResponder>>): Promise<string[]> {
  const sids: string[] = [];
  const { client } = responder.engine;
  for await (const page of paginateScan({ client }, { TableName: responder.config.tableName })) {
    for (const item of page.Items ?? []) if (item.type?.S === 'incident') sids.push(item.messageSid?.S ?? '');
  }
  return sids;
}

/**
 * A bounded fuzz run against a fresh local responder (its own in-memory engine): sends `requests` mutated requests,
 * `concurrency` at a time, stopping early at `maxSeconds`, then reads back what was recorded.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzTally> {
  const errorLogLines: string[] = [];
  const log = jsonLogger((line) => {
    if (line.includes('"level":"error"')) errorLogLines.push(line);
  });
  const responder = await startLocalResponder(localSettings({ PORT: '0' }), {
    persist: false,
    engineProcess: options.engineProcess ?? false,
    log,
    // Only local defaults: a fuzz run must not pick up a developer's shell settings.
    env: {},
  });
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const token = responder.config.twilioAuthToken;
    const requests = fuzzRequests(options.seed, { url: responder.webhookUrl, to: '+815000000000' }, (url, params) =>
      twilioSignature(token, url, params),
    );
    const byMutation: Record<string, Record<string, number>> = {};
    const unexpected: string[] = [];
    const signedSids = new Set<string>();
    const started = performance.now();
    const deadline = started + options.maxSeconds * 1000;
    let sent = 0;
    const worker = async () => {
      while (sent < options.requests && performance.now() < deadline) {
        const fuzz = requests.next().value;
        sent++;
        if (fuzz.signed) signedSids.add(fuzz.messageSid);
        const status = await send(agent, fuzz);
        const key = status === 0 ? NO_ANSWER : String(status);
        const tally = byMutation[fuzz.mutation] ?? {};
        tally[key] = (tally[key] ?? 0) + 1;
        byMutation[fuzz.mutation] = tally;
        if (status !== 0 && !fuzz.allowed.includes(status)) {
          unexpected.push(`${fuzz.mutation} ${fuzz.method} ${fuzz.url} → ${status} (may be ${fuzz.allowed.join('/')})`);
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;

    const recorded = await incidentSids(responder);
    const afterwards = await sendSignedSms(
      responder.webhookUrl,
      token,
      inboundSmsParams({
        body: 'Your parcel is held: https://parcel-fee.top/x',
        from: '+819000000009',
        to: '+815000000000',
      }),
    );
    const statuses = Object.values(byMutation).flatMap((tally) => Object.entries(tally));
    const total = (match: (status: string) => boolean) =>
      statuses.reduce((sum, [status, n]) => sum + (match(status) ? n : 0), 0);
    return {
      sent,
      seconds,
      stoppedAtDeadline: sent < options.requests,
      byMutation,
      serverErrors: total((status) => status.startsWith('5')),
      noAnswer: total((status) => status === NO_ANSWER),
      unexpected,
      errorLogLines,
      signedSent: signedSids.size,
      incidents: recorded.length,
      incidentsFromUnsigned: recorded.filter((sid) => !signedSids.has(sid)).length,
      answersAfterwards: afterwards.status === 200,
    };
  } finally {
    agent.destroy();
    await responder.stop();
  }
}

/** What went wrong in a run, one line each; empty when the webhook held. */
export function fuzzFindings(tally: FuzzTally): string[] {
  return [
    ...(tally.serverErrors > 0 ? [`${tally.serverErrors} answers with a 5xx status`] : []),
    ...(tally.noAnswer > 0 ? [`${tally.noAnswer} requests left unanswered (connection failed or timed out)`] : []),
    ...(tally.incidentsFromUnsigned > 0 ? [`${tally.incidentsFromUnsigned} incidents from unsigned requests`] : []),
    ...(tally.answersAfterwards ? [] : ['a valid request after the run was not answered 200']),
    ...tally.unexpected.map((line) => `unexpected status: ${line}`),
    ...tally.errorLogLines.map((line) => `error logged: ${line}`),
  ];
}

/** The tally as a printable table: a row per mutation, a column per status seen. */
export function tallyTable(tally: FuzzTally): Record<string, Record<string, number | string>> {
  const statuses = [...new Set(Object.values(tally.byMutation).flatMap((t) => Object.keys(t)))].sort();
  const table: Record<string, Record<string, number | string>> = {};
  for (const mutation of MUTATIONS) {
    const counts = tally.byMutation[mutation];
    if (!counts) continue;
    // "HTTP 200", not "200": integer-like keys would jump ahead of "sent" in the printed columns.
    const row: Record<string, number | string> = { sent: Object.values(counts).reduce((a, b) => a + b, 0) };
    for (const status of statuses) row[status === NO_ANSWER ? status : `HTTP ${status}`] = counts[status] ?? '';
    table[mutation] = row;
  }
  return table;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      'max-seconds': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const options = {
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
    seed: Number(values.seed),
    maxSeconds: Number(values['max-seconds']),
    engineProcess: true,
  };
  const positive = [options.requests, options.concurrency, options.maxSeconds];
  if (!positive.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(options.seed)) {
    process.stderr.write(
      '--requests, --concurrency and --max-seconds take whole numbers above 0, --seed a whole number\n',
    );
    return 2;
  }
  process.stderr.write(
    `sending ${options.requests} mutated requests (seed ${options.seed}) at concurrency ${options.concurrency}…\n`,
  );
  const tally = await runFuzz(options);
  console.table(tallyTable(tally));
  const findings = fuzzFindings(tally);
  console.table({
    'requests sent': tally.sent,
    seconds: Number(tally.seconds.toFixed(1)),
    'stopped at --max-seconds': tally.stoppedAtDeadline,
    '5xx answers': tally.serverErrors,
    'unanswered (crashes)': tally.noAnswer,
    'unexpected statuses': tally.unexpected.length,
    'error log lines': tally.errorLogLines.length,
    'signed requests sent': tally.signedSent,
    'incidents recorded': tally.incidents,
    'incidents from unsigned requests': tally.incidentsFromUnsigned,
    'answers after the run': tally.answersAfterwards,
    verdict: findings.length === 0 ? 'OK' : `${findings.length} FINDINGS`,
  });
  for (const finding of findings.slice(0, 20)) process.stdout.write(`- ${finding}\n`);
  return findings.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `fuzz failed / ファジングに失敗しました: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
