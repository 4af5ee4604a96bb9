import { LOCAL_OPERATOR_TOKEN } from '../../../lib/local/local-settings';
import { parseTrendsArgs, TrendsArgumentError, type TrendsCommand } from '../../../lib/operators/trends-args';

const NOW = new Date('2026-11-23T10:15:00Z');
const NO_ENV = {};

function parse(argv: string[], env: Record<string, string> = NO_ENV): TrendsCommand {
  return parseTrendsArgs(argv, env, NOW);
}

function parseRun(argv: string[], env: Record<string, string> = NO_ENV) {
  const command = parse(argv, env);
  if (command.kind === 'help') throw new Error(`expected a request from ${argv.join(' ')}`);
  return command;
}

describe('parseTrendsArgs: trends', () => {
  it('asks for the last 7 days in total by default, from the local server with the local token', () => {
    const command = parseRun([]);
    expect(command).toMatchObject({
      kind: 'trends',
      lang: 'en',
      csv: false,
      target: { kind: 'local', baseUrl: 'http://127.0.0.1:8787', token: LOCAL_OPERATOR_TOKEN },
      request: { path: '/v1/trends', query: { from: '2026-11-17', to: '2026-11-23' } },
      hours: null,
    });
  });

  it('passes --since, --by and the filters through', () => {
    const { request } = parseRun(['--since', '30d', '--by', 'brand', '--category', 'otp_unsolicited', '--limit', '5']);
    expect(request.query).toEqual({
      from: '2026-10-25',
      to: '2026-11-23',
      by: 'brand',
      category: 'otp_unsolicited',
      limit: '5',
    });
  });

  it('asks for hours when --since is in hours, and keeps only the hours asked for', () => {
    const command = parseRun(['--since', '48h', '--by', 'category']);
    expect(command.request.query).toEqual({
      from: '2026-11-21',
      to: '2026-11-23',
      granularity: 'hour',
      by: 'category',
    });
    expect(command.kind === 'trends' && command.hours).toEqual({ first: '2026-11-21T11', last: '2026-11-23T10' });
  });

  it('keeps an hourly request within the 31 days the API serves', () => {
    const command = parseRun(['--since', '744h']);
    expect(command.request.query).toMatchObject({ from: '2026-10-24', to: '2026-11-23', granularity: 'hour' });
    expect(command.kind === 'trends' && command.hours).toEqual({ first: '2026-10-24T00', last: '2026-11-23T10' });
  });

  it('asks the API for CSV with --csv', () => {
    expect(parseRun(['--csv']).request.query).toMatchObject({ format: 'csv' });
    expect(parseRun(['--csv']).csv).toBe(true);
  });
});

describe('parseTrendsArgs: rankings', () => {
  it('asks /v1/top for the dimension, window and limit', () => {
    const command = parseRun(['--top', 'domain', '--window', '24h', '--limit', '100']);
    expect(command.kind).toBe('top');
    expect(command.request).toEqual({ path: '/v1/top', query: { dim: 'domain', window: '24h', limit: '100' } });
  });

  it('defaults to a 7-day window', () => {
    expect(parseRun(['--top', 'tld']).request.query).toEqual({ dim: 'tld', window: '7d' });
  });
});

describe('parseTrendsArgs: language, target and help', () => {
  it('takes the language from LANG unless --lang says otherwise', () => {
    expect(parseRun([], { LANG: 'ja_JP.UTF-8' }).lang).toBe('ja');
    expect(parseRun([], { LANG: 'en_US.UTF-8' }).lang).toBe('en');
    expect(parseRun(['--lang', 'en'], { LANG: 'ja_JP.UTF-8' }).lang).toBe('en');
    expect(parseRun(['--lang', 'ja']).lang).toBe('ja');
  });

  it('uses PORT and OPERATOR_TOKEN for the local server', () => {
    expect(parseRun([], { PORT: '9000', OPERATOR_TOKEN: 'op-token' }).target).toEqual({
      kind: 'local',
      baseUrl: 'http://127.0.0.1:9000',
      token: 'op-token',
    });
  });

  it('targets a deployed API with the region of its host, keeping a stage path', () => {
    const command = parseRun(['--api', 'https://a1b2c3.execute-api.ap-northeast-1.amazonaws.com/prod/']);
    expect(command.target).toEqual({
      kind: 'aws',
      baseUrl: 'https://a1b2c3.execute-api.ap-northeast-1.amazonaws.com/prod',
      region: 'ap-northeast-1',
    });
  });

  it('takes the region from AWS_REGION for a custom domain', () => {
    const command = parseRun(['--api', 'https://api.example.jp'], { AWS_REGION: 'us-east-1' });
    expect(command.target).toEqual({ kind: 'aws', baseUrl: 'https://api.example.jp', region: 'us-east-1' });
  });

  it('answers --help and -h with the help, whatever else is given', () => {
    expect(parse(['--help'])).toEqual({ kind: 'help' });
    expect(parse(['-h', '--since', '7d'])).toEqual({ kind: 'help' });
  });
});

describe('parseTrendsArgs: mistakes', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /Unexpected argument/],
    [['--since'], /argument missing/],
    [['--since', '7'], /--since must look like 7d or 48h/],
    [['--since', '0d'], /1d to 400d/],
    [['--since', '401d'], /1d to 400d/],
    [['--since', '745h'], /1h to 744h/],
    [['--by', 'tld'], /--by must be category, brand, domain or sender/],
    [['--top', 'category'], /--top must be domain, brand, sender or tld/],
    [['--top', 'domain', '--window', '1y'], /--window must be 24h, 7d or 30d/],
    [['--window', '7d'], /--window goes with --top/],
    [['--top', 'domain', '--by', 'brand', '--since', '7d'], /--since, --by: not with --top/],
    [['--limit', '0'], /--limit must be 1-50/],
    [['--limit', '51'], /--limit must be 1-50/],
    [['--limit=-3'], /--limit must be a whole number/],
    [['--limit', '2.5'], /--limit must be a whole number/],
    [['--top', 'domain', '--limit', '101'], /--limit must be 1-100/],
    [['--lang', 'fr'], /--lang must be ja or en/],
    [['--brand', ''], /--brand needs a value/],
    [['--api', 'http://a1b2c3.execute-api.ap-northeast-1.amazonaws.com'], /--api must be an https URL/],
    [['--api', 'https://api.example.jp'], /cannot tell the AWS region/],
    [['--api', 'https://a1b2c3.execute-api.ap-northeast-1.amazonaws.com/?stage=prod'], /without \? or #/],
  ])('%j is refused in both languages', (argv, problem) => {
    const attempt = () => parse(argv);
    expect(attempt).toThrow(TrendsArgumentError);
    expect(attempt).toThrow(problem);
    // Every message carries a Japanese line as well.
    expect(attempt).toThrow(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('refuses a PORT that is not a port', () => {
    expect(() => parse([], { PORT: 'eighty' })).toThrow(TrendsArgumentError);
  });
});
