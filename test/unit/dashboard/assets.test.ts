import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDashboardScript,
  DASHBOARD_CONTENT_SECURITY_POLICY,
  DASHBOARD_SCRIPT_PATH,
  dashboardHtml,
  dashboardScript,
} from '../../../lib/dashboard/assets';
import { DASHBOARD_TEXT } from '../../../lib/dashboard/dashboard-text';

// Chart.js with only the bar chart's parts is about 170 KB minified; chart.js/auto alone is over 200 KB.
const BUNDLE_BUDGET_BYTES = 200_000;

describe('the dashboard page', () => {
  const html = dashboardHtml();

  it('loads its one script from the operator API, and nothing from anywhere else', () => {
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((tag) => tag[0])).toEqual([
      `<script src="${DASHBOARD_SCRIPT_PATH}" defer>`,
    ]);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('names only texts that exist in both languages', () => {
    const keys = [...html.matchAll(/data-text(?:-label)?="(\w+)"/g)].map((match) => match[1] ?? '');
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(Object.keys(DASHBOARD_TEXT)).toContain(key);
  });

  it('allows its inline stylesheet in the Content-Security-Policy by hash, and no other inline code', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});

describe('the texts', () => {
  it.each(Object.entries(DASHBOARD_TEXT))('%s has both languages with the same placeholders', (_key, localized) => {
    const placeholders = (value: string) => [...value.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();
    expect(localized.ja.trim()).not.toBe('');
    expect(localized.en.trim()).not.toBe('');
    expect(placeholders(localized.ja)).toEqual(placeholders(localized.en));
  });
});

describe('the browser bundle', () => {
  it('is built once, for the browser, with the tree-shaken Chart.js inside', async () => {
    const first = dashboardScript();
    const script = await first;
    expect(dashboardScript()).toBe(first);
    expect(Buffer.byteLength(script)).toBeLessThan(BUNDLE_BUDGET_BYTES);
    // An IIFE with everything inlined: nothing left for a browser to require or fetch.
    expect(script).not.toMatch(/\brequire\(|\bimport\(/);
    expect(script).toContain('/v1/trends?by=category');
  });

  it('is written to a file for the Lambda package, identical to the one served locally', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    try {
      const outFile = join(dir, 'dashboard-app.js');
      await buildDashboardScript(outFile);
      expect(await readFile(outFile, 'utf8')).toBe(await dashboardScript());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
