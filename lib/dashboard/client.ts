/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The operators' dashboard in the browser (bundled by assets.ts, served at /dashboard/app.js). It reads the
 * operator API of docs/operator-api.md every 30 s and draws the page dashboardHtml() lays out.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import {
  type Alert,
  type AlertsResponse,
  BRAND_CHART_SERIES,
  clockTime,
  type Lang,
  lastDays,
  localHour,
  preferredLang,
  type StackedChart,
  stackedChart,
  sum,
  type TopItem,
  type TopResponse,
  type TrendsResponse,
  tokenFromFragment,
  utcOffsetName,
} from './dashboard-data';
import { isTextKey, text, UNAUTHORIZED_TEXT } from './dashboard-text';

// Registering only what the two stacked bar charts use keeps the rest of Chart.js out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const REFRESH_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;
const TREND_DAYS = 30;
const TOKEN_STORAGE_KEY = 'smish-operator-token';
const LANG_STORAGE_KEY = 'smish-dashboard-lang';

interface DashboardData {
  readonly categories: TrendsResponse;
  readonly brands: TrendsResponse;
  readonly topBrands: TopResponse;
  readonly topDomains: TopResponse;
  readonly alerts: AlertsResponse;
  readonly loadedAt: Date;
}

type Problem =
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'failed'; readonly reason: string };

/** An answer of the API other than 2xx. */
class ApiStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * The operator token: taken from the link's fragment on arrival, kept for this tab only, and removed from the
 * address bar so that it is not left in a screenshot, a bookmark or a shared screen. No token at all is normal in
 * AWS, where a signing proxy authenticates the calls.
 */
function takeOperatorToken(): string | null {
  const fromLink = tokenFromFragment(location.hash);
  if (fromLink) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromLink);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

let operatorToken = takeOperatorToken();

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json', ...(operatorToken ? { authorization: `Bearer ${operatorToken}` } : {}) },
    cache: 'no-store',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new ApiStatusError(response.status);
  const body: unknown = await response.json();
  // The shapes are our own contract (docs/operator-api.md); a response that breaks it fails in rendering, which
  // shows the load error and keeps the previous data.
  return body as T;
}

async function loadDashboard(): Promise<DashboardData> {
  const loadedAt = new Date();
  const { from, to } = lastDays(loadedAt, TREND_DAYS);
  const [categories, brands, topBrands, topDomains, alerts] = await Promise.all([
    getJson<TrendsResponse>(`/v1/trends?by=category&from=${from}&to=${to}`),
    getJson<TrendsResponse>(`/v1/trends?by=brand&from=${from}&to=${to}&limit=${BRAND_CHART_SERIES}`),
    getJson<TopResponse>('/v1/top?dim=brand&window=30d&limit=10'),
    getJson<TopResponse>('/v1/top?dim=domain&window=7d&limit=10'),
    getJson<AlertsResponse>('/v1/alerts?days=7'),
  ]);
  return { categories, brands, topBrands, topDomains, alerts, loadedAt };
}

function storedLang(): Lang | null {
  const stored = localStorage.getItem(LANG_STORAGE_KEY);
  return stored === 'ja' || stored === 'en' ? stored : null;
}

let lang: Lang = storedLang() ?? preferredLang(navigator.languages.length ? navigator.languages : [navigator.language]);
let data: DashboardData | undefined;
let problem: Problem | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

const byId = (id: string): HTMLElement => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the dashboard page has no #${id}`);
  return found;
};

/** An element with its text set as text, never parsed as markup: labels and domains come from reported texts. */
function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  content?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (content !== undefined) created.textContent = content;
  return created;
}

const numberFormat = () => new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US');

function setNumber(id: string, value: number): void {
  const target = byId(id);
  target.textContent = numberFormat().format(value);
  // The digits without grouping, for tests and anyone scraping the page.
  target.dataset.value = String(value);
}

function renderStaticText(): void {
  document.documentElement.lang = lang;
  document.title = text('pageTitle', lang);
  for (const target of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = target.dataset.text;
    if (isTextKey(key)) target.textContent = text(key, lang);
  }
  for (const target of document.querySelectorAll<HTMLElement>('[data-text-label]')) {
    const key = target.dataset.textLabel;
    if (isTextKey(key)) target.setAttribute('aria-label', text(key, lang));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  byId('times-note').textContent = text('timesNote', lang, { zone: utcOffsetName(new Date()) });
}

// ---- charts ----

const FONT_FAMILY = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.color = '#5d6675';

type StackedBarChart = Chart<'bar', number[], string>;
const charts = new Map<string, StackedBarChart>();

function newStackedBarChart(canvas: HTMLCanvasElement, data: StackedBarChart['data']): StackedBarChart {
  return new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data,
    options: {
      // Redrawn every 30 s: bars growing from zero each time would read as a change that did not happen.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: chartScales(),
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, padding: 10 } },
        tooltip: {
          // A day of 12 categories lists only those reported that day.
          filter: (item) => item.parsed.y !== 0,
          callbacks: {
            footer: (items) =>
              `${text('count', lang)}: ${numberFormat().format(sum(items.map((item) => item.parsed.y ?? 0)))}`,
          },
        },
      },
    },
  });
}

function chartScales() {
  return {
    x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
    y: {
      stacked: true,
      beginAtZero: true,
      ticks: { precision: 0 },
      title: { display: true, text: text('reportsAxis', lang) },
    },
  };
}

function drawStackedChart(canvasId: string, shaped: StackedChart): void {
  const canvas = byId(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`#${canvasId} is not a canvas`);
  const labels = [...shaped.labels];
  const datasets = shaped.datasets.map((dataset) => ({
    label: dataset.label,
    data: [...dataset.data],
    backgroundColor: dataset.color,
    borderWidth: 0,
    // A little air between the bars of neighbouring days, none between the stacked segments of one day.
    categoryPercentage: 0.85,
    barPercentage: 0.95,
  }));
  const existing = charts.get(canvasId);
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets = datasets;
    // The axis title is text too: a language switch rebuilds the scales.
    existing.options.scales = chartScales();
    existing.update('none');
  } else {
    charts.set(canvasId, newStackedBarChart(canvas, { labels, datasets }));
  }
  // What the canvas draws, readable without pixels: tests check that a chart is not silently empty.
  canvas.dataset.series = shaped.datasets.map((dataset) => dataset.key).join(' ');
  const container = canvas.parentElement;
  container?.querySelector('.empty')?.remove();
  if (shaped.datasets.length === 0) container?.append(element('div', 'empty', text('noReports', lang)));
}

// ---- rankings and alerts ----

function rankingRow(item: TopItem, rank: number, largest: number, testId: string): HTMLTableRowElement {
  const row = element('tr');
  row.dataset.testid = testId;
  row.dataset.key = item.key;
  row.dataset.count = String(item.count);
  row.append(element('td', 'rank', String(rank)));

  const name = element('td', 'name', item.label[lang]);
  if (item.official) {
    const badge = element('span', 'badge official', text('official', lang));
    badge.title = text('officialHint', lang);
    name.append(badge);
    row.dataset.official = 'true';
  }
  row.append(name);

  const count = element('td', 'count');
  const cell = element('div', 'count-cell');
  const bar = element('span', 'count-bar');
  bar.style.setProperty('--share', `${Math.max(4, Math.round((item.count / Math.max(1, largest)) * 100))}%`);
  bar.setAttribute('aria-hidden', 'true');
  const countText = element('span', undefined, numberFormat().format(item.count));
  cell.append(countText, bar);
  count.append(cell);
  row.append(count);

  row.append(element('td', 'when', localHour(item.firstSeen)), element('td', 'when', localHour(item.lastSeen)));
  return row;
}

function renderRanking(tbodyId: string, ranking: TopResponse, testId: string): void {
  const largest = Math.max(0, ...ranking.items.map((item) => item.count));
  const rows = ranking.items.map((item, index) => rankingRow(item, index + 1, largest, testId));
  if (rows.length === 0) {
    const empty = element('tr', 'empty-row');
    const cell = element('td', undefined, text('noReports', lang));
    cell.colSpan = 5;
    empty.append(cell);
    rows.push(empty);
  }
  byId(tbodyId).replaceChildren(...rows);
}

function alertItem(alert: Alert): HTMLLIElement {
  const item = element('li', alert.active ? 'alert active' : 'alert');
  item.dataset.testid = 'alert';
  item.dataset.key = alert.key;
  item.dataset.id = alert.id;
  item.dataset.active = String(alert.active);
  const title = element('span', 'alert-title', alert.label[lang]);
  if (alert.active) title.append(element('span', 'badge active', text('alertActive', lang)));
  const baseline = alert.baseline.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 1 });
  item.append(
    title,
    element('span', 'alert-detail', text('alertCount', lang, { count: numberFormat().format(alert.count), baseline })),
    element('span', 'alert-when', localHour(alert.hour)),
  );
  return item;
}

function renderAlerts(alerts: readonly Alert[]): void {
  const items = alerts.map(alertItem);
  byId('alerts').replaceChildren(...(items.length ? items : [element('li', 'none', text('noAlerts', lang))]));
  const active = alerts.filter((alert) => alert.active).length;
  setNumber('active-alerts', active);
  byId('active-alerts').classList.toggle('has-alerts', active > 0);
}

// ---- the page ----

function renderBanner(): void {
  const banner = byId('banner');
  banner.className = 'banner';
  document.body.dataset.state = problem?.kind ?? 'ok';
  if (!problem) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  banner.hidden = false;
  switch (problem.kind) {
    case 'unauthorized':
      banner.classList.add('unauthorized');
      banner.dataset.testid = 'unauthorized';
      // Both languages at once: the reader may not be able to use the switch, and it is the first thing they see.
      banner.replaceChildren(
        element('p', undefined, UNAUTHORIZED_TEXT.ja),
        element('p', undefined, UNAUTHORIZED_TEXT.en),
      );
      return;
    case 'forbidden':
      banner.dataset.testid = 'banner';
      banner.replaceChildren(element('p', undefined, text('forbidden', lang)));
      return;
    case 'failed':
      banner.dataset.testid = 'banner';
      banner.replaceChildren(element('p', undefined, text('loadFailed', lang, { reason: problem.reason })));
      return;
  }
}

function render(): void {
  renderStaticText();
  renderBanner();
  if (!data) {
    byId('updated').textContent = problem ? '' : text('loading', lang);
    return;
  }
  byId('updated').textContent = text('updatedAt', lang, { time: clockTime(data.loadedAt) });
  const { to } = lastDays(data.loadedAt, TREND_DAYS);
  setNumber('total-reports', sum(data.categories.total));
  const todayIndex = data.categories.periods.indexOf(to);
  setNumber('today-reports', todayIndex >= 0 ? (data.categories.total[todayIndex] ?? 0) : 0);
  drawStackedChart('chart-categories', stackedChart(data.categories, lang, text('otherCategories', lang)));
  drawStackedChart('chart-brands', stackedChart(data.brands, lang, text('otherBrands', lang)));
  renderRanking('top-brands', data.topBrands, 'top-brand-row');
  renderRanking('top-domains', data.topDomains, 'top-domain-row');
  renderAlerts(data.alerts.alerts);
}

function describeFailure(error: unknown): Problem {
  if (error instanceof ApiStatusError) {
    if (error.status === 401) return { kind: 'unauthorized' };
    if (error.status === 403) return { kind: 'forbidden' };
    return { kind: 'failed', reason: error.message };
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'failed', reason: 'timeout' };
  return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}

/** Draws the page from what is known; a response that does not fit the contract shows an error, not half a page. */
function renderSafely(): void {
  try {
    render();
  } catch (error) {
    problem = describeFailure(error);
    renderBanner();
  }
}

async function load(): Promise<void> {
  clearTimeout(refreshTimer);
  try {
    data = await loadDashboard();
    problem = undefined;
  } catch (error) {
    problem = describeFailure(error);
    if (problem.kind === 'unauthorized') {
      // A token the server refuses will not start working: forget it, and stop asking until a new link is opened.
      sessionStorage.removeItem(TOKEN_STORAGE_KEY);
      operatorToken = null;
      data = undefined;
    }
  }
  renderSafely();
  document.body.dataset.ready = 'true';
  if (problem?.kind !== 'unauthorized') refreshTimer = setTimeout(() => void refresh(), REFRESH_MS);
}

let loading: Promise<void> | undefined;

/** Loads and redraws; a refresh asked for while one is under way joins it, so answers never arrive out of order. */
function refresh(): Promise<void> {
  loading ??= load().finally(() => {
    loading = undefined;
  });
  return loading;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    const chosen = button.dataset.lang;
    if (chosen !== 'ja' && chosen !== 'en') return;
    lang = chosen;
    localStorage.setItem(LANG_STORAGE_KEY, chosen);
    renderSafely();
  });
}

// Background tabs run timers late; a tab brought back shows fresh numbers at once rather than up to 30 s later.
document.addEventListener('visibilitychange', () => {
  const stale = !data || Date.now() - data.loadedAt.getTime() > REFRESH_MS;
  if (document.visibilityState === 'visible' && stale && problem?.kind !== 'unauthorized') void refresh();
});

// A link with a new token opened in a tab that already shows the page changes only the fragment: take it.
window.addEventListener('hashchange', () => {
  if (!tokenFromFragment(location.hash)) return;
  operatorToken = takeOperatorToken();
  void refresh();
});

renderSafely();
void refresh();
