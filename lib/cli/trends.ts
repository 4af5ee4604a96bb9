import { defaultProvider } from '@aws-sdk/credential-provider-node';
import * as z from 'zod';
import { authenticationHeaders, operatorApiUrl } from '../operators/operator-api-request';
import { ApiErrorBodySchema, TopResponseSchema, TrendsResponseSchema } from '../operators/operator-api-schemas';
import { parseTrendsArgs, TRENDS_HELP, TrendsArgumentError, type TrendsCommand } from '../operators/trends-args';
import { printable, renderTopTable, renderTrendsTable } from '../operators/trends-table';

/** npm run trends: reports over time, or a ranking, from the operator API (local or deployed), as a table. */

/** A failure already worded for the operator, in both languages; it ends the run with exit code 1. */
class TrendsRequestError extends Error {
  override readonly name = 'TrendsRequestError';
}

const NetworkFailureSchema = z.object({ cause: z.object({ code: z.string() }) });
// Generous for a 400-day query on a cold Lambda, short enough that a hung connection does not hang the shell.
const REQUEST_TIMEOUT_MS = 30_000;

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

// Asked for only when the target is a deployed API: the local server wants a bearer token instead.
async function awsCredentials() {
  try {
    return await defaultProvider()();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrendsRequestError(
      `no AWS credentials to sign with (${reason}); set AWS_PROFILE or run "aws sso login"\n` +
        'AWS の認証情報が見つかりません。AWS_PROFILE の設定や aws sso login を行ってください',
    );
  }
}

async function get(command: Exclude<TrendsCommand, { kind: 'help' }>): Promise<string> {
  const url = operatorApiUrl(command.target.baseUrl, command.request);
  const headers = await authenticationHeaders(command.target, url, awsCredentials, new Date());
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const code = timedOut ? 'timeout' : (NetworkFailureSchema.safeParse(error).data?.cause.code ?? 'unknown');
    if (command.target.kind === 'local' && code === 'ECONNREFUSED') {
      throw new TrendsRequestError(
        `nothing answers at ${command.target.baseUrl}: run "npm start" first\n` +
          `${command.target.baseUrl} に接続できません。先に別のシェルで npm start を実行してください`,
      );
    }
    throw new TrendsRequestError(`could not reach ${url.origin} (${code})\n${url.origin} に接続できません(${code})`);
  }
  const body = await response.text();
  if (!response.ok) {
    const hint =
      response.status === 401 && command.target.kind === 'local'
        ? '\nOPERATOR_TOKEN must be the token "npm start" printed / OPERATOR_TOKEN は npm start が表示したトークンにしてください'
        : '';
    throw new TrendsRequestError(`${describeHttpError(response.status, body)}${hint}`);
  }
  return body;
}

function describeHttpError(status: number, body: string): string {
  const apiError = ApiErrorBodySchema.safeParse(parseJson(body));
  if (apiError.success) return `HTTP ${status}: ${apiError.data.error.en}\nHTTP ${status}: ${apiError.data.error.ja}`;
  // Not the API's own answer (e.g. API Gateway refusing a signature): show its start, never a whole page.
  return `HTTP ${status}: ${printable(body.slice(0, 300))}\nAPI がエラーを返しました (HTTP ${status})`;
}

function parseBody<T>(schema: z.ZodType<T>, body: string): T {
  const json = parseJson(body);
  if (json === undefined) {
    throw new TrendsRequestError('the API did not answer JSON / API の応答が JSON ではありません');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new TrendsRequestError(`unexpected response from the API / API の応答が想定と異なります: ${where}`);
  }
  return parsed.data;
}

async function main(): Promise<number> {
  let command: TrendsCommand;
  try {
    command = parseTrendsArgs(process.argv.slice(2), process.env, new Date());
  } catch (error) {
    if (!(error instanceof TrendsArgumentError)) throw error;
    process.stderr.write(`${error.message}\n(npm run trends -- --help)\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${TRENDS_HELP}\n`);
    return 0;
  }
  const body = await get(command);
  if (command.csv) {
    process.stdout.write(body);
  } else if (command.kind === 'top') {
    process.stdout.write(renderTopTable(parseBody(TopResponseSchema, body), command.lang));
  } else {
    const trends = parseBody(TrendsResponseSchema, body);
    // The hour range only means something on hourly periods; a daily answer to an hourly question is a bug upstream.
    if (trends.granularity !== (command.hours === null ? 'day' : 'hour')) {
      throw new TrendsRequestError('the API answered another granularity / API の応答の粒度が要求と異なります');
    }
    process.stdout.write(renderTrendsTable(trends, command.lang, command.hours));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const known = error instanceof TrendsRequestError;
    process.stderr.write(known ? `${message}\n` : `trends failed / 取得に失敗しました: ${message}\n`);
    process.exit(1);
  },
);
