import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  type AlertsResponse,
  BRAND_CHART_SERIES,
  type Lang,
  lastDays,
  OTHER_KEY,
  sum,
  type TopResponse,
  type TrendsResponse,
} from '../../lib/dashboard/dashboard-data';
import { DASHBOARD_TEXT, UNAUTHORIZED_TEXT } from '../../lib/dashboard/dashboard-text';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { inboundSmsParams, newMessageSid, sendSignedSms } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';
import { AMAZON_OTP_EN, AMAZON_OTP_JA } from '../support/messages';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_FILE = join(__dirname, '..', '..', 'docs', 'dashboard.png');
const VIEWPORT = { width: 1280, height: 900 };

// Each test opens a page and waits for its first load; the defaults' 5 s leave no room for a slow CI machine.
jest.setTimeout(15_000);

const DAY_MS = 86_400_000;

// Reports spread over the month (days before now), so that the charts have more than one bar and the 7-day and
// 30-day rankings differ.
const EARLIER_REPORTS: ReadonlyArray<readonly [daysAgo: number, body: string]> = [
  [24, AMAZON_OTP_EN],
  [17, AMAZON_OTP_JA],
  [11, AMAZON_OTP_EN.replace('123456', '804211')],
  [9, '【三菱UFJ銀行】お客様の口座がロックされました。本人確認をお願いします https://mufg-security.xyz/login'],
  [6, 'Amazon: your account has been suspended. Verify your details at https://amaz0n-jp.top/login'],
  [5, '【Amazon】お客様のアカウントを一時停止しました。こちらから確認してください https://amaz0n-jp.top/login'],
  [4, '【ヤマト運輸】お届け予定のお荷物について住所確認が必要です https://kuroneko-yamato.cn/r'],
  [3, 'Yamato Transport: your parcel could not be delivered. Update your address at https://kuroneko-yamato.cn/en'],
  // A genuine notice quoting the brand's own domain: the domain ranking marks it official.
  [2, 'Your Amazon order has shipped. Track it at https://www.amazon.co.jp/gp/your-account/order-history'],
  [2, 'SMBC: unusual activity detected on your account. Your account is locked. Verify at https://smbc-alert.top/v'],
  [1, '【日本郵便】お荷物の配達ができませんでした。再配達はこちら https://japanpost-redeliver.shop/j'],
  [1, 'Your PayPay account has been suspended. Verify now: https://paypay-verify.top/p'],
];
// Ten look-alike Sagawa texts in the current hour: enough for a domain alert and a brand × category alert
// (docs/alerts.md: at least 10 reports, far above a quiet week), so the alert list has real, active entries.
const SAGAWA_WAVE: ReadonlyArray<readonly [daysAgo: number, body: string]> = Array.from({ length: 10 }, (_, index) => [
  0,
  `【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました。配送物を確認ください https://sagawa-ex.top/${index}`,
]);
const REPORTS = [...EARLIER_REPORTS, ...SAGAWA_WAVE];

describe('the operators’ dashboard in Chromium, over the local responder', () => {
  let responder: LocalResponder;
  let browser: Browser;
  let origin: string;
  const { log } = capturingLogger();
  const contexts: BrowserContext[] = [];

  // The responder's clock: reports are recorded `daysAgo` before now, then the API and the page read at now.
  let daysAgo = 0;
  const clock = { now: () => new Date(Date.now() - daysAgo * DAY_MS) };

  /** Reports through the real webhook, signed as Twilio signs them; each from its own number, with its own id. */
  async function sendReports(): Promise<void> {
    // The wave must fall in one UTC hour for the spike check: never start it in the last seconds of an hour.
    const msIntoHour = Date.now() % 3_600_000;
    if (msIntoHour > 3_600_000 - 5_000) await new Promise((resolve) => setTimeout(resolve, 3_600_000 - msIntoHour));
    for (const [index, [reportDaysAgo, body]] of REPORTS.entries()) {
      daysAgo = reportDaysAgo;
      const params = inboundSmsParams({
        body,
        from: `+8190${String(20_000_000 + index).padStart(8, '0')}`,
        to: '+815000000000',
        messageSid: newMessageSid(),
      });
      const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
      expect(response.status).toBe(200);
    }
    daysAgo = 0;
  }

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), { persist: false, log, clock });
    // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    origin = `http://127.0.0.1:${responder.port}`;
    await sendReports();
    await responder.countNow();
    await responder.detectSpikes();
  }, 25_000);

  afterAll(async () => {
    await browser?.close();
    await responder?.stop();
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${origin}${path}`, {
      headers: { authorization: `Bearer ${responder.operatorToken}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /** A fresh browser profile (no stored token or language) on the dashboard, once its first load has finished. */
  async function openDashboard(fragment: string, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/dashboard${fragment}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    return { page, errors };
  }

  const withToken = () => `#token=${encodeURIComponent(responder.operatorToken)}`;

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  it('shows the same numbers as the API answers for the same queries', async () => {
    const { page, errors } = await openDashboard(withToken());
    const { from, to } = lastDays(new Date(), 30);
    const [categories, brands, topBrands, topDomains, alerts] = await Promise.all([
      api<TrendsResponse>(`/v1/trends?by=category&from=${from}&to=${to}`),
      api<TrendsResponse>(`/v1/trends?by=brand&from=${from}&to=${to}&limit=${BRAND_CHART_SERIES}`),
      api<TopResponse>('/v1/top?dim=brand&window=30d&limit=10'),
      api<TopResponse>('/v1/top?dim=domain&window=7d&limit=10'),
      api<AlertsResponse>('/v1/alerts?days=7'),
    ]);

    // The fixture itself: every report became one counted incident, and the rankings have several rows.
    expect(sum(categories.total)).toBe(REPORTS.length);
    expect(categories.total.filter((count) => count > 0).length).toBeGreaterThan(5);
    expect(topBrands.items.length).toBeGreaterThanOrEqual(5);
    expect(topDomains.items.some((item) => item.official)).toBe(true);
    expect(alerts.alerts.length).toBeGreaterThanOrEqual(1);

    const total = page.getByTestId('total-reports');
    expect(Number(await total.getAttribute('data-value'))).toBe(sum(categories.total));
    expect((await total.textContent())?.replace(/\D/g, '')).toBe(String(sum(categories.total)));
    expect(Number(await page.getByTestId('today-reports').getAttribute('data-value'))).toBe(categories.total.at(-1));

    const rows = (testId: string) =>
      page.getByTestId(testId).evaluateAll((found) =>
        found.map((row) => ({
          key: row.getAttribute('data-key'),
          count: Number(row.getAttribute('data-count')),
          official: row.getAttribute('data-official') === 'true',
        })),
      );
    const expected = (top: TopResponse) =>
      top.items.map((item) => ({ key: item.key, count: item.count, official: item.official }));
    expect(await rows('top-brand-row')).toEqual(expected(topBrands));
    expect(await rows('top-domain-row')).toEqual(expected(topDomains));
    expect(await page.getByTestId('top-domain-row').filter({ hasText: 'official' }).count()).toBe(
      topDomains.items.filter((item) => item.official).length,
    );

    const shownAlerts = await page
      .getByTestId('alert')
      .evaluateAll((found) =>
        found.map((alert) => [alert.getAttribute('data-key'), alert.getAttribute('data-active')]),
      );
    expect(shownAlerts).toEqual(alerts.alerts.map((alert) => [alert.key, String(alert.active)]));

    // The charts draw every series that counted something, and the brands the series limit left out as "other".
    const drawn = async (testId: string) => (await page.getByTestId(testId).getAttribute('data-series'))?.split(' ');
    const counted = (trends: TrendsResponse) => trends.series.filter((series) => series.total > 0).map((s) => s.key);
    expect(await drawn('chart-categories')).toEqual(counted(categories));
    const leftOut = sum(brands.total) - sum(brands.series.map((series) => series.total));
    expect(await drawn('chart-brands')).toEqual([...counted(brands), ...(leftOut > 0 ? [OTHER_KEY] : [])]);

    expect(page.url()).toBe(`${origin}/dashboard`);
    await expect(page.getByTestId('updated').textContent()).resolves.toMatch(/^updated \d\d:\d\d:\d\d$/);
    expect(errors).toEqual([]);

    if (process.env.DASHBOARD_SCREENSHOT) await page.screenshot({ path: SCREENSHOT_FILE });
  });

  it('switches every label between Japanese and English, brand names included', async () => {
    const { page } = await openDashboard(withToken(), 'en-US');
    const heading = page.getByTestId('heading-categories');
    const firstBrand = page.getByTestId('top-brand-row').nth(0).locator('td.name');
    const topBrands = await api<TopResponse>('/v1/top?dim=brand&window=30d&limit=10');
    // Sagawa leads the ranking: 佐川急便 / Sagawa Express, a name that differs between the languages.
    expect(topBrands.items[0]?.label.ja).not.toBe(topBrands.items[0]?.label.en);
    const shownIn = async (lang: Lang) => {
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await heading.textContent()).toBe(DASHBOARD_TEXT.byCategory[lang]);
      expect(await firstBrand.textContent()).toBe(topBrands.items[0]?.label[lang]);
    };

    await shownIn('en');
    await page.getByRole('button', { name: '日本語' }).click();
    await shownIn('ja');
    expect(await heading.textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await page.getByRole('button', { name: 'English' }).click();
    await shownIn('en');
  });

  it('opens in Japanese for a browser that prefers Japanese', async () => {
    const { page } = await openDashboard(withToken(), 'ja-JP');
    expect(await page.getByTestId('heading-categories').textContent()).toBe(DASHBOARD_TEXT.byCategory.ja);
  });

  it.each([
    ['no token', ''],
    ['a wrong token', '#token=not-the-operator-token'],
  ])('tells the operator, in both languages, to open the npm start link when it has %s', async (_label, fragment) => {
    const { page } = await openDashboard(fragment);
    const message = page.getByTestId('unauthorized');
    await expect(message.isVisible()).resolves.toBe(true);
    expect(await message.textContent()).toBe(`${UNAUTHORIZED_TEXT.ja}${UNAUTHORIZED_TEXT.en}`);
    expect(await message.textContent()).toContain('npm start');
    await expect(page.getByTestId('total-reports').isVisible()).resolves.toBe(false);
  });

  it('loads the data once the npm start link is opened in the same tab (only the fragment changes)', async () => {
    const { page } = await openDashboard('');
    await expect(page.getByTestId('unauthorized').isVisible()).resolves.toBe(true);
    await page.goto(`${origin}/dashboard${withToken()}`);
    await page.waitForSelector('body[data-state="ok"]', { timeout: 10_000 });
    expect(Number(await page.getByTestId('total-reports').getAttribute('data-value'))).toBe(REPORTS.length);
    expect(page.url()).toBe(`${origin}/dashboard`);
  });
});
