import { parseArgs } from 'node:util';
import * as z from 'zod';
import { LANGS, type Lang } from '../core/types';
import { LOCAL_OPERATOR_TOKEN, localSettings } from '../local/local-settings';
import {
  type Granularity,
  TOP_DIMENSIONS,
  TOP_WINDOWS,
  type TopDimension,
  type TopWindow,
  TREND_DIMENSIONS,
} from './operator-api-schemas';
import { addDays, addHours, dayOf, hourOf } from './periods';

/** `npm run trends` arguments → what to ask the operator API and how to show it. Pure: argv, env and now come in. */

export const TRENDS_HELP = `Usage / 使い方:
  npm run trends -- [--since 7d|48h] [--by category|brand|domain|sender] [--category C] [--brand B] [--limit N]
  npm run trends -- --top domain|brand|sender|tld [--window 24h|7d|30d] [--limit N]

Reports over time as a table with sparklines, or a ranking, from the operator API.
通報件数の推移(表とスパークライン)またはランキングを、オペレーター API から表示します。

Options / オプション:
  --since Nd|Nh    the last N days (1-400) or N hours (1-744, per hour) / 直近N日(1〜400)またはN時間(1〜744、時間別)
                   (default 7d / 既定 7d)
  --by DIM         one row per category, brand, domain or sender (default: the total)
                   分類・ブランド・ドメイン・送信者ごとに1行(既定は合計のみ)
  --category C     only this category / この分類のみ
  --brand B        only this brand / このブランドのみ
  --top DIM        ranking of domains, brands, senders or TLDs instead / 代わりにランキングを表示
  --window W       ranking window: 24h, 7d or 30d (default 7d) / ランキングの期間(既定 7d)
  --limit N        rows: 1-50 for trends (default 20), 1-100 for --top (default 10)
                   行数: 推移は1〜50(既定20)、--top は1〜100(既定10)
  --csv            print the API's CSV as it is / API の CSV をそのまま出力
  --lang ja|en     language of labels and headers (default from LANG) / 表示言語(既定は LANG から)
  --api URL        a deployed API (https://….execute-api.REGION.amazonaws.com), signed with your AWS credentials
                   デプロイ済みの API(AWS の認証情報で署名します)
  -h, --help       this help / このヘルプ

Without --api it asks the local server (npm start) at http://127.0.0.1:$PORT with OPERATOR_TOKEN.
--api がなければローカルサーバー(npm start)に OPERATOR_TOKEN で接続します。
All times are UTC. / 時刻はすべて UTC です。`;

/** Where the API is and how to prove who we are to it. */
export type ApiTarget =
  | { readonly kind: 'local'; readonly baseUrl: string; readonly token: string }
  | { readonly kind: 'aws'; readonly baseUrl: string; readonly region: string };

/** One GET to the operator API; the query keeps the order it was built in. */
export interface ApiRequest {
  readonly path: '/v1/trends' | '/v1/top';
  readonly query: Readonly<Record<string, string>>;
}

/** The hours an hourly view shows: the API answers whole days, the table only the last N hours (inclusive). */
export interface HourRange {
  readonly first: string;
  readonly last: string;
}

interface CommonChoices {
  readonly lang: Lang;
  readonly csv: boolean;
  readonly target: ApiTarget;
  readonly request: ApiRequest;
}

export type TrendsCommand =
  | { readonly kind: 'help' }
  | (CommonChoices & { readonly kind: 'trends'; readonly hours: HourRange | null })
  | (CommonChoices & { readonly kind: 'top' });

/** A mistake in the command line; its message is in English and Japanese. */
export class TrendsArgumentError extends Error {
  override readonly name = 'TrendsArgumentError';
}

const MAX_DAYS = 400;
const MAX_HOURS = 744;
// The API serves at most 31 days per hourly request (docs/operator-api.md).
const MAX_HOURLY_DAYS = 31;

const bilingual = (en: string, ja: string) => `${en} / ${ja}`;

const spokenList = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
const oneOf = <const Values extends readonly [string, ...string[]]>(option: string, values: Values) =>
  z
    .enum(values, {
      error: bilingual(`${option} must be ${spokenList(values)}`, `${option} は ${values.join('・')} のいずれかです`),
    })
    .optional();
const filterValue = (option: string) =>
  z
    .string()
    .min(1, bilingual(`${option} needs a value`, `${option} に値を指定してください`))
    .max(64, bilingual(`${option} is too long`, `${option} が長すぎます`))
    .optional();

const ArgsSchema = z.object({
  since: z
    .string()
    .regex(
      /^\d{1,4}[dh]$/,
      bilingual('--since must look like 7d or 48h', '--since は 7d や 48h の形で指定してください'),
    )
    .optional(),
  by: oneOf('--by', TREND_DIMENSIONS),
  category: filterValue('--category'),
  brand: filterValue('--brand'),
  top: oneOf('--top', TOP_DIMENSIONS),
  window: oneOf('--window', TOP_WINDOWS),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, bilingual('--limit must be a whole number', '--limit は整数で指定してください'))
    .transform(Number)
    .optional(),
  csv: z.boolean(),
  lang: oneOf('--lang', LANGS),
  api: z
    .url({
      protocol: /^https$/,
      error: bilingual('--api must be an https URL', '--api は https の URL で指定してください'),
    })
    .optional(),
  help: z.boolean(),
});
type Args = z.infer<typeof ArgsSchema>;

// An empty variable counts as unset, as shells make it easy to export one by accident.
const unlessEmpty = z
  .string()
  .optional()
  .transform((value) => value || undefined);
const EnvSchema = z.object({ LANG: unlessEmpty, OPERATOR_TOKEN: unlessEmpty, AWS_REGION: unlessEmpty });
type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the command line; throws TrendsArgumentError on anything it cannot use.
 * @example parseTrendsArgs(['--since', '7d', '--by', 'brand'], process.env, new Date())
 */
export function parseTrendsArgs(argv: readonly string[], env: Env, now: Date): TrendsCommand {
  const args = readArgs(argv);
  if (args.help) return { kind: 'help' };
  const { LANG, OPERATOR_TOKEN, AWS_REGION } = EnvSchema.parse(env);
  const lang: Lang = args.lang ?? (LANG?.startsWith('ja') ? 'ja' : 'en');
  const target = args.api ? awsTarget(args.api, AWS_REGION) : localTarget(env, OPERATOR_TOKEN);
  const common = { lang, csv: args.csv, target };
  if (args.top !== undefined) return { kind: 'top', ...common, request: topRequest(args, args.top) };
  if (args.window !== undefined) {
    throw new TrendsArgumentError(bilingual('--window goes with --top', '--window は --top と一緒に指定します'));
  }
  const limit = args.limit === undefined ? undefined : checkedLimit(args.limit, 50);
  const { granularity, from, to, hours } = period(args.since ?? '7d', now);
  // Days are the API's default granularity: only hours need saying.
  const query: Record<string, string> = granularity === 'day' ? { from, to } : { from, to, granularity };
  if (args.by) query.by = args.by;
  if (args.category) query.category = args.category;
  if (args.brand) query.brand = args.brand;
  if (limit !== undefined) query.limit = limit;
  if (args.csv) query.format = 'csv';
  return { kind: 'trends', ...common, request: { path: '/v1/trends', query }, hours };
}

function readArgs(argv: readonly string[]): Args {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        since: { type: 'string' },
        by: { type: 'string' },
        category: { type: 'string' },
        brand: { type: 'string' },
        top: { type: 'string' },
        window: { type: 'string' },
        limit: { type: 'string' },
        csv: { type: 'boolean', default: false },
        lang: { type: 'string' },
        api: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    // node's own wording names the option ("Unknown option '--bogus'"); the Japanese line says what to do next.
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrendsArgumentError(bilingual(reason, '引数が正しくありません(--help で使い方を表示)'));
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new TrendsArgumentError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  }
  return parsed.data;
}

// The range depends on the mode, so it is checked after the mode is known.
function checkedLimit(limit: number, max: number): string {
  if (limit < 1 || limit > max) {
    throw new TrendsArgumentError(bilingual(`--limit must be 1-${max}`, `--limit は1〜${max}で指定してください`));
  }
  return String(limit);
}

function topRequest(args: Args, dim: TopDimension): ApiRequest {
  const misplaced = (['since', 'by', 'category', 'brand'] as const).filter((name) => args[name] !== undefined);
  if (misplaced.length > 0) {
    const names = misplaced.map((name) => `--${name}`).join(', ');
    throw new TrendsArgumentError(bilingual(`${names}: not with --top`, `${names} は --top と一緒に使えません`));
  }
  const window: TopWindow = args.window ?? '7d';
  const query: Record<string, string> = { dim, window };
  if (args.limit !== undefined) query.limit = checkedLimit(args.limit, 100);
  if (args.csv) query.format = 'csv';
  return { path: '/v1/top', query };
}

function period(
  since: string,
  now: Date,
): { granularity: Granularity; from: string; to: string; hours: HourRange | null } {
  const amount = Number(since.slice(0, -1));
  const today = dayOf(now);
  if (since.endsWith('d')) {
    if (amount < 1 || amount > MAX_DAYS) {
      throw new TrendsArgumentError(bilingual(`--since: 1d to ${MAX_DAYS}d`, `--since は1d〜${MAX_DAYS}dです`));
    }
    return { granularity: 'day', from: addDays(today, -(amount - 1)), to: today, hours: null };
  }
  if (amount < 1 || amount > MAX_HOURS) {
    throw new TrendsArgumentError(bilingual(`--since: 1h to ${MAX_HOURS}h`, `--since は1h〜${MAX_HOURS}hです`));
  }
  const thisHour = hourOf(now);
  // 744 hours back from any hour but 23:00 touch 32 calendar days, one more than an hourly request may span:
  // the oldest hours are then left out rather than the request refused. (Hours compare as strings.)
  const wanted = addHours(thisHour, -(amount - 1));
  const earliestServed = `${addDays(today, -(MAX_HOURLY_DAYS - 1))}T00`;
  const firstHour = wanted > earliestServed ? wanted : earliestServed;
  return {
    granularity: 'hour',
    from: firstHour.slice(0, 10),
    to: today,
    hours: { first: firstHour, last: thisHour },
  };
}

function localTarget(env: Env, operatorToken: string | undefined): ApiTarget {
  let port: number;
  try {
    port = localSettings(env).port;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrendsArgumentError(bilingual(reason, '環境変数 PORT が正しくありません'));
  }
  return { kind: 'local', baseUrl: `http://127.0.0.1:${port}`, token: operatorToken ?? LOCAL_OPERATOR_TOKEN };
}

const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;

function awsTarget(api: string, awsRegion: string | undefined): ApiTarget {
  const url = new URL(api);
  if (url.search !== '' || url.hash !== '') {
    throw new TrendsArgumentError(
      bilingual('--api takes the API base URL, without ? or #', '--api には ? や # を含まない API の URL を指定します'),
    );
  }
  const region = EXECUTE_API_HOST.exec(url.hostname)?.[1] ?? awsRegion;
  if (region === undefined) {
    throw new TrendsArgumentError(
      bilingual(
        'cannot tell the AWS region from --api: set AWS_REGION',
        '--api からリージョンが分かりません。AWS_REGION を設定してください',
      ),
    );
  }
  // A stage path such as /prod stays in front of /v1/…; a trailing slash would double up.
  return { kind: 'aws', baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, region };
}
