import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The path the page loads its script from; the operator routes serve dashboardScript() there. */
export const DASHBOARD_SCRIPT_PATH = '/dashboard/app.js';

/** The file name of the prebuilt bundle that sits next to the Lambda's code (written by buildDashboardScript). */
export const PREBUILT_SCRIPT_FILE = 'dashboard-app.js';

// System fonts only (no web fonts: the page must work offline and load nothing from elsewhere). The Japanese
// faces come before the generic family so that kana and kanji do not fall back to a mismatched default.
const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", "Yu Gothic", Meiryo, sans-serif';

const STYLE = `
:root {
  color-scheme: light;
  --ink: #1d2330; --muted: #5d6675; --line: #e2e5ea; --page: #f4f5f7; --card: #ffffff;
  --accent: #0b5cad; --alert: #b42318; --alert-soft: #fdecea; --ok-soft: #e8f3ec; --ok: #1f6b3a;
  font-family: ${FONT_STACK};
  font-size: 15px; line-height: 1.45; color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; }
header {
  display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; justify-content: space-between;
  padding: 14px 24px; background: var(--card); border-bottom: 1px solid var(--line);
}
h1 { font-size: 1.35rem; margin: 0; }
.subtitle { margin: 2px 0 0; color: var(--muted); font-size: 0.9rem; }
.controls { display: flex; align-items: center; gap: 16px; }
.lang-switch { display: inline-flex; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.lang-switch button {
  font: inherit; font-size: 0.9rem; padding: 6px 14px; border: 0; background: var(--card); color: var(--ink);
  cursor: pointer;
}
.lang-switch button + button { border-left: 1px solid var(--line); }
.lang-switch button[aria-pressed="true"] { background: var(--accent); color: #fff; }
.lang-switch button:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.updated { color: var(--muted); font-size: 0.85rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.banner {
  margin: 16px 24px 0; padding: 12px 16px; border-radius: 8px; border: 1px solid #f3c7c2;
  background: var(--alert-soft); color: var(--alert);
}
.banner p { margin: 0; }
.banner p + p { margin-top: 6px; }
.banner.unauthorized { font-size: 1.05rem; padding: 20px 24px; }
body[data-state="unauthorized"] main { display: none; }
main {
  display: grid; gap: 16px; padding: 16px 24px 24px;
  grid-template-columns: repeat(2, minmax(0, 1fr));
}
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
.kpis { grid-column: 1 / -1; display: grid; gap: 16px; grid-template-columns: 2fr 1fr 1fr; }
.card, .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; }
.kpi { display: flex; flex-direction: column; justify-content: center; gap: 2px; }
.kpi-label { color: var(--muted); font-size: 0.9rem; }
.kpi-value { font-size: 1.9rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpi-main .kpi-value { font-size: 2.6rem; color: var(--accent); line-height: 1.1; }
.kpi-value.has-alerts { color: var(--alert); }
.wide { grid-column: 1 / -1; }
h2 { font-size: 1.02rem; margin: 0; }
.hint { margin: 0 0 8px; color: var(--muted); font-size: 0.82rem; }
.chart { position: relative; height: 300px; }
.chart .empty {
  position: absolute; inset: 0 0 40px 40px; display: flex; align-items: center; justify-content: center;
  color: var(--muted);
}
table { width: 100%; border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 0.8rem; white-space: nowrap; }
th, td { padding: 5px 6px; border-bottom: 1px solid var(--line); vertical-align: middle; }
tbody tr:last-child td { border-bottom: 0; }
td.rank { color: var(--muted); width: 2.5em; }
td.name { overflow-wrap: anywhere; }
td.count { width: 9em; }
.count-cell { display: flex; align-items: center; gap: 8px; }
.count-bar { height: 8px; border-radius: 4px; background: var(--accent); opacity: 0.75; width: var(--share, 0%); }
td.when { white-space: nowrap; color: var(--muted); width: 7.5em; }
.badge {
  display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 999px; font-size: 0.75rem;
  font-weight: 600; vertical-align: 1px;
}
.badge.official { background: var(--ok-soft); color: var(--ok); }
.badge.active { background: var(--alert); color: #fff; }
.empty-row td { color: var(--muted); text-align: center; padding: 18px; }
/* One line per alert, and a scrolling list: a wave alerts every hour, and a week of it must not push the page down. */
.alerts {
  list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; max-height: 330px; overflow-y: auto;
}
.alert {
  display: grid; grid-template-columns: minmax(0, 1fr) auto auto; align-items: baseline; gap: 2px 20px;
  padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px;
}
.alert.active { border-color: #f3c7c2; background: var(--alert-soft); box-shadow: inset 4px 0 0 var(--alert); }
.alert-title { font-weight: 600; }
.alert-detail { color: var(--muted); font-size: 0.85rem; }
.alert-when { color: var(--muted); font-size: 0.85rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
@media (max-width: 640px) {
  .alert { grid-template-columns: minmax(0, 1fr) auto; }
  .alert-detail { grid-column: 1 / -1; grid-row: 2; }
}
.alerts .none { color: var(--muted); }
footer { grid-column: 1 / -1; color: var(--muted); font-size: 0.8rem; }
/* A phone: the names get the width; the first-seen column and the bars are what can go. */
@media (max-width: 640px) {
  header, main { padding-left: 12px; padding-right: 12px; }
  .banner { margin-left: 12px; margin-right: 12px; }
  .kpis { grid-template-columns: 1fr 1fr; }
  .kpi-main { grid-column: 1 / -1; }
  th:nth-child(4), td:nth-child(4), .count-bar { display: none; }
  td.count { width: auto; }
}
`;

/**
 * The page's one inline stylesheet. The operator routes can allow it in a Content-Security-Policy by hash
 * (see DASHBOARD_CONTENT_SECURITY_POLICY) instead of allowing every inline style.
 */
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * A Content-Security-Policy that fits the page: its script and its API calls come from its own origin, the only
 * inline code is the stylesheet (by hash), and nothing may frame it. A reported domain shown on the page is text,
 * never markup, but if that ever broke, this policy would still stop a script from running.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${STYLE_HASH}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>SMS詐欺の通報状況 · Smishing reports</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <div>
    <h1 data-text="pageTitle" data-testid="page-title">SMS詐欺の通報状況 · Smishing reports</h1>
    <p class="subtitle" data-text="subtitle"></p>
  </div>
  <div class="controls">
    <span class="updated" id="updated" data-testid="updated" aria-live="polite"></span>
    <div class="lang-switch" role="group" data-text-label="languageSwitch">
      <button type="button" data-lang="ja" lang="ja" aria-pressed="false">日本語</button>
      <button type="button" data-lang="en" lang="en" aria-pressed="false">English</button>
    </div>
  </div>
</header>
<div class="banner" id="banner" role="alert" data-testid="banner" hidden></div>
<noscript><div class="banner"><p>このページには JavaScript が必要です。</p><p>This page needs JavaScript.</p></div></noscript>
<main>
  <section class="kpis">
    <div class="kpi kpi-main">
      <span class="kpi-label" data-text="totalReports"></span>
      <span class="kpi-value" id="total-reports" data-testid="total-reports">–</span>
    </div>
    <div class="kpi">
      <span class="kpi-label" data-text="todayReports"></span>
      <span class="kpi-value" id="today-reports" data-testid="today-reports">–</span>
    </div>
    <div class="kpi">
      <span class="kpi-label" data-text="activeAlerts"></span>
      <span class="kpi-value" id="active-alerts" data-testid="active-alerts">–</span>
    </div>
  </section>
  <section class="card">
    <h2 data-text="byCategory" data-testid="heading-categories"></h2>
    <p class="hint" data-text="last30Days"></p>
    <div class="chart"><canvas id="chart-categories" data-testid="chart-categories"></canvas></div>
  </section>
  <section class="card">
    <h2 data-text="byBrand"></h2>
    <p class="hint" data-text="last30Days"></p>
    <div class="chart"><canvas id="chart-brands" data-testid="chart-brands"></canvas></div>
  </section>
  <section class="card">
    <h2 data-text="topBrands"></h2>
    <p class="hint" data-text="window30d"></p>
    <table>
      <thead><tr>
        <th data-text="rank"></th><th data-text="brand"></th><th data-text="count"></th>
        <th data-text="firstSeen"></th><th data-text="lastSeen"></th>
      </tr></thead>
      <tbody id="top-brands"></tbody>
    </table>
  </section>
  <section class="card">
    <h2 data-text="topDomains"></h2>
    <p class="hint" data-text="window7d"></p>
    <table>
      <thead><tr>
        <th data-text="rank"></th><th data-text="domain"></th><th data-text="count"></th>
        <th data-text="firstSeen"></th><th data-text="lastSeen"></th>
      </tr></thead>
      <tbody id="top-domains"></tbody>
    </table>
  </section>
  <section class="card wide">
    <h2 data-text="alerts"></h2>
    <p class="hint" data-text="alertsWindow"></p>
    <ul class="alerts" id="alerts"></ul>
  </section>
  <footer><p id="times-note"></p></footer>
</main>
<script src="${DASHBOARD_SCRIPT_PATH}" defer></script>
</body>
</html>
`;

/** The operators' page: markup and inline CSS; the script at DASHBOARD_SCRIPT_PATH fills it. */
export function dashboardHtml(): string {
  return PAGE;
}

/** What esbuild is asked for: the browser entry, with Chart.js bundled in (only the parts client.ts registers). */
async function bundleClient(): Promise<string> {
  // A variable specifier keeps bundlers from pulling esbuild into the Lambda bundle: in AWS the prebuilt file is
  // read instead and this line never runs; locally esbuild is a dev dependency.
  const esbuildModule = 'esbuild';
  const { build }: typeof import('esbuild') = await import(esbuildModule);
  const result = await build({
    entryPoints: [join(__dirname, 'client.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no dashboard bundle');
  return output.text;
}

let cachedScript: Promise<string> | undefined;

/**
 * The browser bundle served at /dashboard/app.js. In Lambda it is the file buildDashboardScript wrote next to the
 * code (there is no esbuild at run time); elsewhere it is built on the first call and kept.
 */
export function dashboardScript(): Promise<string> {
  if (!cachedScript) {
    const prebuilt = join(__dirname, PREBUILT_SCRIPT_FILE);
    cachedScript = existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : bundleClient();
    // A failed build is not cached: the next request tries again rather than serving the error forever.
    cachedScript.catch(() => {
      cachedScript = undefined;
    });
  }
  return cachedScript;
}

/** Writes the browser bundle to `outFile`: the CDK stack puts it next to the operator function's code. */
export async function buildDashboardScript(outFile: string): Promise<void> {
  await writeFile(outFile, await bundleClient(), 'utf8');
}
