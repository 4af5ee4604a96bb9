import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Clock, Logger } from '../app/ports';
import type { Catalog } from '../catalog/load-catalog';
import { CATEGORIES } from '../core/types';
import { toCsv } from '../operators/csv';
import { GRANULARITIES, TOP_DIMENSIONS, TOP_WINDOWS, TREND_DIMENSIONS } from '../operators/operator-api-schemas';
import { addDays, dayOf, isCalendarDay } from '../operators/periods';
import type { AlertStore, CounterReader, IncidentReader } from '../operators/ports';
import { alertView, domainFeed, topReport, trendReport, UnsupportedTrendQuery } from '../operators/reports';
import {
  type ApiGatewayV2Event,
  type HttpResult,
  type ParsedApiGatewayV2Event,
  parseApiGatewayEvent,
} from './api-gateway-event';
import {
  answerAtEdge,
  BadRequestError,
  type HttpError,
  MethodNotAllowedError,
  NotFoundError,
  UnauthorizedError,
} from './http-errors';

/** How operators prove who they are: API Gateway's IAM authorizer in AWS, a bearer token locally. */
export type OperatorAuth = { readonly kind: 'iam' } | { readonly kind: 'bearer'; readonly token: string };

export interface DashboardAssets {
  html(): string;
  script(): Promise<string>;
  readonly contentSecurityPolicy: string;
}

export interface OperatorDependencies {
  readonly catalog: Catalog;
  readonly counters: CounterReader;
  readonly incidents: IncidentReader;
  readonly alerts: AlertStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly auth: OperatorAuth;
  readonly dashboard: DashboardAssets;
}

const MAX_DAY_RANGE = { day: 400, hour: 31 } as const;

const day = (name: string) =>
  z
    .string()
    .refine(isCalendarDay, { error: `${name} must be a day written YYYY-MM-DD` })
    .optional();
const whole = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);
const format = z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json');
const category = z.enum(CATEGORIES, { error: `category must be one of ${CATEGORIES.join(', ')}` }).optional();
const brand = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'brand must be a brand id such as amazon')
  .optional();

// Strict: a misspelt parameter is a 400 that names it, not a silently different answer.
const TrendsQuery = z.strictObject({
  from: day('from'),
  to: day('to'),
  granularity: z.enum(GRANULARITIES, { error: 'granularity must be day or hour' }).default('day'),
  by: z.enum(TREND_DIMENSIONS, { error: 'by must be category, brand, domain or sender' }).optional(),
  category,
  brand,
  limit: whole('limit', 1, 50, 20),
  format,
});
const TopQuery = z.strictObject({
  dim: z.enum(TOP_DIMENSIONS, { error: 'dim must be domain, brand, sender or tld' }).default('domain'),
  window: z.enum(TOP_WINDOWS, { error: 'window must be 24h, 7d or 30d' }).default('7d'),
  limit: whole('limit', 1, 100, 10),
  format,
});
const IncidentsQuery = z.strictObject({
  from: day('from'),
  to: day('to'),
  category,
  brand,
  limit: whole('limit', 1, 100, 50),
  cursor: z.string().max(200, 'cursor is not one this API gave out').optional(),
  format,
});
const AlertsQuery = z.strictObject({ days: whole('days', 1, 30, 7), format });
const FeedQuery = z.strictObject({ days: whole('days', 1, 90, 7) });

/** The position in a cursor: `receivedAt#messageSid`, base64url so it survives any client. */
const CursorPosition = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9]{1,64}$/);

function parseQuery<S extends z.ZodType>(schema: S, rawQuery: string): z.infer<S> {
  const params = new URLSearchParams(rawQuery);
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in values) {
      const shown = name.slice(0, 40);
      throw new BadRequestError(`${shown} is given twice.`, `${shown} が重複しています。`);
    }
    values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    // Names are the caller's text: shortened, so a long one cannot flood the log or the answer.
    const names = issue.keys.map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key)).join(', ');
    throw new BadRequestError(`unknown parameter: ${names}.`, `不明なパラメーターです: ${names}`);
  }
  const message = issue?.message ?? 'bad query';
  throw new BadRequestError(`${message}.`, `パラメーターが不正です: ${message}`);
}

/** A day range with defaults (the last `defaultDays` days up to today) and its limits checked. */
function dayRange(
  from: string | undefined,
  to: string | undefined,
  today: string,
  maxDays: number,
  defaultDays: number,
) {
  const end = to ?? today;
  const start = from ?? addDays(end, -(defaultDays - 1));
  if (start > end) throw new BadRequestError('from must not be after to.', 'from は to 以前の日付にしてください。');
  if (addDays(start, maxDays - 1) < end) {
    throw new BadRequestError(`the range may span at most ${maxDays} days.`, `期間は最大${maxDays}日までです。`);
  }
  return { from: start, to: end };
}

function knownBrand(id: string | undefined, catalog: Catalog): string | null {
  if (id === undefined) return null;
  if (!catalog.brands.has(id)) throw new BadRequestError(`unknown brand: ${id}.`, `不明なブランドです: ${id}`);
  return id;
}

const text = (contentType: string, body: string, extra: Record<string, string> = {}): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': 'no-store', ...extra },
  body,
});
const json = (body: unknown) => text('application/json; charset=utf-8', JSON.stringify(body));
const csv = (body: string) => text('text/csv; charset=utf-8', body);

function jsonError(error: HttpError): HttpResult {
  const extra: Record<string, string> =
    error.status === 405 ? { allow: 'GET' } : error.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify({ error: { status: error.status, en: error.en, ja: error.ja } }),
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function assertOperator(event: ParsedApiGatewayV2Event, auth: OperatorAuth): void {
  const refuse = () => {
    throw new UnauthorizedError(
      'sign in: send the operator token (Authorization: Bearer …) or sign the request with AWS credentials.',
      '認証が必要です。オペレーター用トークン（Authorization: Bearer …）を送るか、AWS の認証情報で署名してください。',
    );
  };
  if (auth.kind === 'iam') {
    // API Gateway has checked the signature; without its mark the route was deployed without the authorizer.
    if (!event.requestContext.authorizer?.iam) refuse();
    return;
  }
  const presented = /^Bearer (.+)$/i.exec(event.headers.authorization ?? '')?.[1] ?? '';
  // Equal-length digests, so the comparison takes the same time whatever the token's length or first difference.
  if (!timingSafeEqual(digest(presented), digest(auth.token))) refuse();
}

type Route = (query: string, deps: OperatorDependencies) => Promise<HttpResult>;

const ROUTES: Readonly<Record<string, Route>> = {
  '/v1/trends': async (rawQuery, deps) => {
    const q = parseQuery(TrendsQuery, rawQuery);
    const range = dayRange(q.from, q.to, dayOf(deps.clock.now()), MAX_DAY_RANGE[q.granularity], 7);
    let report: Awaited<ReturnType<typeof trendReport>>;
    try {
      report = await trendReport(
        {
          ...range,
          granularity: q.granularity,
          by: q.by ?? null,
          category: q.category ?? null,
          brand: knownBrand(q.brand, deps.catalog),
          limit: q.limit,
        },
        deps.counters,
        deps.catalog,
      );
    } catch (error) {
      if (error instanceof UnsupportedTrendQuery) {
        throw new BadRequestError(`${error.message}.`, 'by=domain・sender は brand・category と組み合わせられません。');
      }
      throw error;
    }
    if (q.format === 'json') return json(report);
    return csv(
      toCsv(
        ['key', 'label_en', 'label_ja', ...report.periods, 'total'],
        report.series.map((s) => [s.key, s.label.en, s.label.ja, ...s.counts, s.total]),
      ),
    );
  },
  '/v1/top': async (rawQuery, deps) => {
    const q = parseQuery(TopQuery, rawQuery);
    const report = await topReport(q.dim, q.window, q.limit, deps.clock.now(), deps.counters, deps.catalog);
    if (q.format === 'json') return json(report);
    return csv(
      toCsv(
        ['key', 'label_en', 'label_ja', 'count', 'firstSeen', 'lastSeen', 'official'],
        report.items.map((i) => [i.key, i.label.en, i.label.ja, i.count, i.firstSeen, i.lastSeen, i.official]),
      ),
    );
  },
  '/v1/incidents': async (rawQuery, deps) => {
    const q = parseQuery(IncidentsQuery, rawQuery);
    const range = dayRange(q.from, q.to, dayOf(deps.clock.now()), MAX_DAY_RANGE.day, 7);
    const page = await deps.incidents.recentIncidents({
      fromDay: range.from,
      toDay: range.to,
      category: q.category ?? null,
      brand: knownBrand(q.brand, deps.catalog),
      limit: q.limit,
      before: q.cursor === undefined ? null : decodeCursor(q.cursor),
    });
    const items = page.items.map((i) => ({
      id: i.messageSid,
      receivedAt: i.receivedAt,
      channel: i.channel,
      category: i.category,
      risk: i.risk,
      brand: i.brand,
      domains: i.domains,
      sender: i.sender,
      lang: i.lang,
      evidence: i.evidence,
      maskedText: i.maskedText,
    }));
    const nextCursor = page.next === null ? null : Buffer.from(page.next, 'utf8').toString('base64url');
    if (q.format === 'json') return json({ items, nextCursor });
    return csv(
      toCsv(
        ['id', 'receivedAt', 'channel', 'category', 'risk', 'brand', 'domains', 'sender', 'lang', 'maskedText'],
        items.map((i) => [
          i.id,
          i.receivedAt,
          i.channel,
          i.category,
          i.risk,
          i.brand,
          i.domains.join(' '),
          i.sender,
          i.lang,
          i.maskedText,
        ]),
      ),
    );
  },
  '/v1/alerts': async (rawQuery, deps) => {
    const q = parseQuery(AlertsQuery, rawQuery);
    const now = deps.clock.now();
    const today = dayOf(now);
    const days = Array.from({ length: q.days }, (_, index) => addDays(today, -index));
    const alerts = (await deps.alerts.recent(days)).map((alert) => alertView(alert, now, deps.catalog));
    if (q.format === 'json') return json({ alerts });
    return csv(
      toCsv(
        ['id', 'kind', 'key', 'brand', 'category', 'domain', 'hour', 'count', 'baseline', 'pValue', 'active'],
        alerts.map((a) => [
          a.id,
          a.kind,
          a.key,
          a.brand,
          a.category,
          a.domain,
          a.hour,
          a.count,
          a.baseline,
          a.pValue,
          a.active,
        ]),
      ),
    );
  },
  '/v1/feed/domains.txt': async (rawQuery, deps) => {
    const q = parseQuery(FeedQuery, rawQuery);
    const domains = await domainFeed(q.days, deps.clock.now(), deps.counters, deps.catalog);
    return text('text/plain; charset=utf-8', domains.length > 0 ? `${domains.join('\n')}\n` : '');
  },
};

function decodeCursor(cursor: string): string {
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CursorPosition.safeParse(position).success) {
    throw new BadRequestError('cursor is not one this API gave out.', 'cursor が不正です。');
  }
  return position;
}

/** Static, data-free: the page and its script need no token (the page asks the API with one). */
const ASSETS: Readonly<Record<string, (deps: OperatorDependencies) => Promise<HttpResult>>> = {
  '/dashboard': async (deps) =>
    text('text/html; charset=utf-8', deps.dashboard.html(), {
      'content-security-policy': deps.dashboard.contentSecurityPolicy,
    }),
  '/dashboard/app.js': async (deps) => text('text/javascript; charset=utf-8', await deps.dashboard.script()),
};

async function respond(raw: unknown, deps: OperatorDependencies): Promise<HttpResult> {
  const event = parseApiGatewayEvent(raw);
  const route = ROUTES[event.rawPath];
  const asset = ASSETS[event.rawPath];
  if (!route && !asset) throw new NotFoundError('no such path.', 'このパスはありません。');
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    throw new MethodNotAllowedError('operator routes answer GET only.', 'このパスは GET のみ受け付けます。');
  }
  if (asset) return asset(deps);
  assertOperator(event, deps.auth);
  return (route as Route)(event.rawQueryString, deps);
}

/** The operators' read API and dashboard as one function of an API Gateway v2 event (Lambda and local server). */
export function createOperatorHandler(
  deps: OperatorDependencies,
): (event: ApiGatewayV2Event | unknown) => Promise<HttpResult> {
  return (event) => answerAtEdge(() => respond(event, deps), deps.log, jsonError, 'operator_request_rejected');
}
