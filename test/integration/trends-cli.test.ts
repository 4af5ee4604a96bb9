import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { ScriptedClock } from '../../lib/local/scripted-clock';
import { inboundSmsParams, sendSignedSms } from '../../lib/local/twilio-simulator';
import { addDays, daysBetween } from '../../lib/operators/periods';
import { sparkline } from '../../lib/operators/trends-table';
import { capturingLogger } from '../support/capture-log';

/**
 * `npm run trends` end to end: the real CLI, as a child process, against the real local responder in this process.
 * The CLI takes "today" from the real clock, so the reports are recorded on the last few real days.
 */

const ROOT = join(__dirname, '..', '..');
const TS_NODE = join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');

const AMAZON_CODE = 'Amazon: 482913 is your sign-in code. Don’t share it with anyone.';
const AMAZON_LINK =
  '【Amazon】お支払い方法に問題があります。更新してください https://amaz0n-jp.top/login?id=abc123def456';
const SAGAWA =
  'From: SAGAWA\n佐川急便です。お荷物をお届けに上がりましたが不在の為持ち帰りました。 https://sagawa-ex.top/r/8f2k';

interface CliResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

// Asynchronous on purpose: the responder (and its dynalite) answers from this process's event loop, which a
// spawnSync would block while the CLI waits for it.
function runTrends(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TS_NODE, '--transpile-only', 'lib/cli/trends.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The rows of a cli-table3 table: cells between the vertical bars, untrimmed (the sparkline's spaces count). */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) => line.split('│').slice(1, -1));
}

const stdoutOf = (result: CliResult) => result.stdout.toString('utf8');

describe('npm run trends against the local responder', () => {
  let responder: LocalResponder;
  const clock = new ScriptedClock(new Date());
  const { log } = capturingLogger();
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const day = (offset: number) => addDays(today, offset);
  // What is sent, per UTC day: the Amazon and Sagawa rows the tables should show.
  const amazonPerDay = new Map([
    [day(-5), 2],
    [day(-3), 1],
    [day(-1), 3],
    [day(0), 1],
  ]);
  const sagawaPerDay = new Map([[day(-2), 2]]);
  let sent = 0;
  const results: Record<string, CliResult> = {};

  const report = async (body: string, at: string) => {
    clock.set(new Date(at));
    sent += 1;
    const params = inboundSmsParams({ body, from: `+8190${String(20_000_000 + sent)}`, to: '+815000000000' });
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
    expect(response.status).toBe(200);
  };
  const apiGet = (path: string, token: string) =>
    fetch(`http://127.0.0.1:${responder.port}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), { persist: false, log, clock });
    for (let i = 0; i < 2; i++) await report(AMAZON_LINK, `${day(-5)}T12:0${i}:00Z`);
    await report(AMAZON_CODE, `${day(-3)}T12:00:00Z`);
    for (let i = 0; i < 2; i++) await report(SAGAWA, `${day(-2)}T12:0${i}:00Z`);
    for (let i = 0; i < 3; i++) await report(AMAZON_LINK, `${day(-1)}T12:0${i}:00Z`);
    await report(AMAZON_CODE, `${today}T00:00:00Z`);
    await responder.countNow();
    // The ranking's window ends at the responder's current hour.
    clock.set(now);

    const local = { PORT: String(responder.port), OPERATOR_TOKEN: responder.operatorToken };
    // Each run starts ts-node (about a second): all at once.
    const runs: Record<string, [string[], Record<string, string>]> = {
      en: [['--since', '7d', '--by', 'brand', '--lang', 'en'], local],
      ja: [['--since', '7d', '--by', 'brand', '--lang', 'ja'], local],
      csv: [['--since', '7d', '--by', 'brand', '--csv'], local],
      top: [['--top', 'domain', '--window', '7d', '--lang', 'en'], local],
      badArgument: [['--since', '9x'], local],
      wrongToken: [['--since', '7d'], { ...local, OPERATOR_TOKEN: 'not-the-operator-token' }],
      nothingListening: [['--since', '7d'], { ...local, PORT: String(await closedPort()) }],
    };
    await Promise.all(
      Object.entries(runs).map(async ([name, [args, env]]) => {
        results[name] = await runTrends(args, env);
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await responder?.stop();
  });

  /** The days a table covers, from its title (the CLI's "today" may be a day later than ours, past midnight). */
  const titleDays = (text: string) => {
    const [, from = '', to = ''] = /(\d{4}-\d{2}-\d{2})(?: to |〜)(\d{4}-\d{2}-\d{2}) UTC/.exec(text) ?? [];
    const days = daysBetween(from, to);
    expect(days).toHaveLength(7);
    expect([today, day(1)]).toContain(to);
    return days;
  };
  const expectedCounts = (days: readonly string[], perDay: ReadonlyMap<string, number>) =>
    days.map((d) => perDay.get(d) ?? 0);

  it('--since 7d --by brand --lang en: one column per day, the Amazon row with its counts, total and sparkline', () => {
    const result = results.en;
    expect(result?.stderr).toBe('');
    expect(result?.code).toBe(0);
    const text = stdoutOf(result as CliResult);
    expect(text).toMatch(/^Reports by brand per day, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} UTC\n/);
    const days = titleDays(text);
    const [header, ...rows] = tableRows(text);
    expect(header?.map((cell) => cell.trim())).toEqual(['Brand', ...days.map((d) => d.slice(5)), 'Total', 'Trend']);

    const amazon = rows.find((row) => row[0]?.trim() === 'Amazon');
    const counts = expectedCounts(days, amazonPerDay);
    expect(amazon?.slice(1, 9).map((cell) => cell.trim())).toEqual([
      ...counts.map(String),
      String(counts.reduce((sum, count) => sum + count, 0)),
    ]);
    // Left-aligned after one space of padding; a day without reports is a space in the sparkline.
    const spark = amazon?.[9]?.slice(1, 8);
    expect(spark).toBe(sparkline(counts));
    expect(spark).toContain('█');
    expect(spark).toMatch(/^[ ▁▂▃▄▅▆▇█]{7}$/);
    if (days.at(-1) === today) {
      expect(counts).toEqual([0, 2, 0, 1, 0, 3, 1]);
      expect(spark).toBe(' ▆ ▃ █▃');
    }

    const sagawa = rows.find((row) => row[0]?.trim() === 'Sagawa Express');
    expect(sagawa?.[8]?.trim()).toBe('2');
    const total = rows.at(-1)?.map((cell) => cell.trim());
    expect(total?.[0]).toBe('Total');
    const totals = days.map((d) => (amazonPerDay.get(d) ?? 0) + (sagawaPerDay.get(d) ?? 0));
    expect(total?.slice(1, 9)).toEqual([...totals.map(String), String(totals.reduce((sum, count) => sum + count))]);
  });

  it('--lang ja: Japanese title, headers and brand labels (佐川急便)', () => {
    const result = results.ja;
    expect(result?.code).toBe(0);
    const text = stdoutOf(result as CliResult);
    expect(text).toMatch(/^ブランド別の通報件数\(日別、\d{4}-\d{2}-\d{2}〜\d{4}-\d{2}-\d{2} UTC\)\n/);
    const days = titleDays(text);
    const [header, ...rows] = tableRows(text);
    expect(header?.map((cell) => cell.trim())).toEqual(['ブランド', ...days.map((d) => d.slice(5)), '合計', '推移']);
    const sagawa = rows.find((row) => row[0]?.trim() === '佐川急便');
    expect(sagawa?.slice(1, 9).map((cell) => cell.trim())).toEqual([
      ...expectedCounts(days, sagawaPerDay).map(String),
      '2',
    ]);
    expect(rows.at(-1)?.[0]?.trim()).toBe('合計');
    expect(text).not.toContain('Sagawa Express');
  });

  it('--csv prints exactly the CSV the API serves for the same query', async () => {
    const result = results.csv as CliResult;
    expect(result.code).toBe(0);
    const header = stdoutOf(result).split('\r\n')[0]?.split(',') ?? [];
    const days = header.slice(3, -1);
    expect(days).toHaveLength(7);
    const query = `from=${days[0]}&to=${days.at(-1)}&by=brand&format=csv`;
    const response = await apiGet(`/v1/trends?${query}`, responder.operatorToken);
    expect(response.status).toBe(200);
    const api = Buffer.from(await response.arrayBuffer());
    expect(result.stdout.equals(api)).toBe(true);
    expect(stdoutOf(result)).toContain('\r\nsagawa,Sagawa Express,佐川急便,');
  });

  it('--top domain --window 7d ranks the look-alike domain with its count and first and last hour', () => {
    const result = results.top;
    expect(result?.code).toBe(0);
    const text = stdoutOf(result as CliResult);
    expect(text).toMatch(/^Top domains, last 7 days \(/);
    const [header, ...rows] = tableRows(text).map((row) => row.map((cell) => cell.trim()));
    expect(header).toEqual(['#', 'Domain', 'Reports', 'First seen', 'Last seen', 'Official']);
    expect(rows).toEqual([
      ['1', 'amaz0n-jp.top', '5', `${day(-5)} 12:00`, `${day(-1)} 12:00`, ''],
      ['2', 'sagawa-ex.top', '2', `${day(-2)} 12:00`, `${day(-2)} 12:00`, ''],
    ]);
  });

  it('a bad argument exits 2 with the reason in English and Japanese', () => {
    const result = results.badArgument;
    expect(result?.code).toBe(2);
    expect(result?.stdout.length).toBe(0);
    expect(result?.stderr).toContain('--since must look like 7d or 48h / --since は 7d や 48h の形で指定してください');
    expect(result?.stderr).toContain('npm run trends -- --help');
  });

  it('a wrong OPERATOR_TOKEN exits 1 with the API’s 401 message', async () => {
    const result = results.wrongToken;
    expect(result?.code).toBe(1);
    expect(result?.stdout.length).toBe(0);
    const response = await apiGet('/v1/trends', 'not-the-operator-token');
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: { en: string; ja: string } };
    expect(result?.stderr).toContain(`HTTP 401: ${error.en}\nHTTP 401: ${error.ja}\n`);
    expect(result?.stderr).toContain('OPERATOR_TOKEN は npm start が表示したトークンにしてください');
  });

  it('with nothing listening on PORT it exits non-zero and says to run npm start, in both languages', () => {
    const result = results.nothingListening;
    expect(result?.code).not.toBe(0);
    expect(result?.code).not.toBeNull();
    expect(result?.stderr).toMatch(/nothing answers at http:\/\/127\.0\.0\.1:\d+: run "npm start" first/);
    expect(result?.stderr).toMatch(/に接続できません。先に別のシェルで npm start を実行してください/);
  });
});
