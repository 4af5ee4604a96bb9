import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { ScriptedClock } from '../../lib/local/scripted-clock';
import { inboundSmsParams, sendSignedSms } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';

const AMAZON_CODE = 'Amazon: 482913 is your sign-in code. Don’t share it with anyone.';
const SAGAWA =
  'From: SAGAWA\n佐川急便です。お荷物をお届けに上がりましたが不在の為持ち帰りました。 https://sagawa-ex.top/r/8f2k';
const AMAZON_LINK =
  '【Amazon】お支払い方法に問題があります。更新してください https://amaz0n-jp.top/login?id=abc123def456';

describe('operator API over HTTP (auth, JSON, CSV, pagination, bad parameters)', () => {
  let responder: LocalResponder;
  let base: string;
  const clock = new ScriptedClock(new Date('2026-11-20T09:10:00Z'));
  const { log } = capturingLogger();
  let sent = 0;

  const report = async (body: string, at: string) => {
    clock.set(new Date(at));
    sent += 1;
    const params = inboundSmsParams({ body, from: `+8190${String(10_000_000 + sent)}`, to: '+815000000000' });
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
    expect(response.status).toBe(200);
  };
  const get = (path: string, token: string | null = responder.operatorToken, method = 'GET') =>
    fetch(`${base}${path}`, { method, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const getJson = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), { persist: false, log, clock });
    base = `http://127.0.0.1:${responder.port}`;
    for (let i = 0; i < 3; i++) await report(AMAZON_CODE, `2026-11-20T09:${10 + i}:00Z`);
    for (let i = 0; i < 2; i++) await report(SAGAWA, `2026-11-21T14:0${i}:00Z`);
    for (let i = 0; i < 4; i++) await report(AMAZON_LINK, `2026-11-22T20:0${i}:00Z`);
    await responder.countNow();
    clock.set(new Date('2026-11-22T21:30:00Z'));
  });
  afterAll(async () => {
    await responder.stop();
  });

  it('refuses operator data without the token, with a wrong token, and on the wrong method', async () => {
    for (const token of [null, 'wrong-token', `${'x'.repeat(200)}`]) {
      const response = await get('/v1/trends', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await response.json()) as { error: { en: string; ja: string } };
      expect(body.error.en).toMatch(/operator token/);
      expect(body.error.ja).toMatch(/認証/);
    }
    const post = await get('/v1/trends', responder.operatorToken, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('keeps the webhook and the operator routes apart', async () => {
    expect((await get('/twilio/sms')).status).toBe(405);
    const form = new URLSearchParams(inboundSmsParams({ body: AMAZON_CODE, from: '+819000000001', to: '+81500' }));
    const asWebhook = await fetch(`${base}/v1/trends`, { method: 'POST', body: form });
    expect(asWebhook.status).toBe(405);
    expect((await get('/v1/nothing')).status).toBe(404);
  });

  it('gives daily series by brand and category, with totals equal to the reports sent', async () => {
    const byBrand = await getJson('/v1/trends?from=2026-11-19&to=2026-11-22&by=brand');
    expect(byBrand.periods).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(byBrand.series).toEqual([
      { key: 'amazon', label: { en: 'Amazon', ja: 'Amazon' }, counts: [0, 3, 0, 4], total: 7 },
      expect.objectContaining({ key: 'sagawa', counts: [0, 0, 2, 0], total: 2 }),
    ]);
    expect(byBrand.total).toEqual([0, 3, 2, 4]);
    const all = await getJson('/v1/trends?from=2026-11-19&to=2026-11-22');
    expect(all.series).toEqual([expect.objectContaining({ key: 'all', counts: [0, 3, 2, 4], total: 9 })]);
    const amazonByCategory = await getJson('/v1/trends?from=2026-11-20&to=2026-11-22&by=category&brand=amazon');
    const keys = (amazonByCategory.series as { key: string; total: number }[]).map((s) => [s.key, s.total]);
    expect(keys).toEqual([
      [expect.any(String), 4],
      ['otp_unsolicited', 3],
    ]);
  });

  it('gives hourly series when asked', async () => {
    const hourly = await getJson('/v1/trends?from=2026-11-20&to=2026-11-20&granularity=hour');
    const periods = hourly.periods as string[];
    expect(periods).toHaveLength(24);
    expect((hourly.total as number[])[periods.indexOf('2026-11-20T09')]).toBe(3);
  });

  it('ranks domains, brands, senders and TLDs with first and last seen', async () => {
    const domains = await getJson('/v1/top?dim=domain&window=7d');
    expect(domains.items).toEqual([
      expect.objectContaining({
        key: 'amaz0n-jp.top',
        count: 4,
        firstSeen: '2026-11-22T20',
        lastSeen: '2026-11-22T20',
      }),
      expect.objectContaining({ key: 'sagawa-ex.top', count: 2, official: false }),
    ]);
    const tlds = await getJson('/v1/top?dim=tld&window=30d');
    expect(tlds.items).toEqual([expect.objectContaining({ key: 'top', count: 6 })]);
    const senders = await getJson('/v1/top?dim=sender&window=7d');
    expect(senders.items).toEqual([expect.objectContaining({ key: 'SAGAWA', count: 2 })]);
    const lastDay = await getJson('/v1/top?dim=brand&window=24h');
    expect(lastDay.items).toEqual([expect.objectContaining({ key: 'amazon', count: 4 })]);
  });

  it('answers CSV on every list, with formulas defused', async () => {
    const response = await get('/v1/trends?from=2026-11-21&to=2026-11-22&by=brand&format=csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await response.text()).toBe(
      'key,label_en,label_ja,2026-11-21,2026-11-22,total\r\namazon,Amazon,Amazon,0,4,4\r\nsagawa,Sagawa Express,佐川急便,2,0,2\r\n',
    );
    const top = await (await get('/v1/top?dim=domain&format=csv')).text();
    expect(top.split('\r\n')[0]).toBe('key,label_en,label_ja,count,firstSeen,lastSeen,official');
    const incidents = await (await get('/v1/incidents?from=2026-11-20&to=2026-11-22&format=csv')).text();
    expect(incidents.split('\r\n').filter(Boolean)).toHaveLength(10);
    expect(incidents).not.toContain('482913');
    expect((await (await get('/v1/alerts?format=csv')).text()).startsWith('id,kind,key')).toBe(true);
  });

  it('pages through recent incidents newest first, masked, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await getJson(
        `/v1/incidents?from=2026-11-20&to=2026-11-22&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const items = page.items as { id: string; receivedAt: string; maskedText: string; sender: string | null }[];
      seen.push(...items.map((item) => item.receivedAt));
      for (const item of items) expect(item.maskedText).not.toMatch(/482913|abc123def456/);
      cursor = page.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(9);
    expect([...seen].sort().reverse()).toEqual(seen);
    const sagawa = await getJson('/v1/incidents?from=2026-11-20&to=2026-11-22&brand=sagawa');
    expect((sagawa.items as { sender: string }[]).map((i) => i.sender)).toEqual(['SAGAWA', 'SAGAWA']);
  });

  it('serves the takedown feed without official domains', async () => {
    const response = await get('/v1/feed/domains.txt?days=7');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('amaz0n-jp.top\nsagawa-ex.top\n');
  });

  it.each([
    ['/v1/trends?from=2026-13-01', /from must be a day/],
    ['/v1/trends?from=2026-11-22&to=2026-11-01', /from must not be after to/],
    ['/v1/trends?from=2025-01-01&to=2026-11-22', /at most 400 days/],
    ['/v1/trends?granularity=hour&from=2026-09-01&to=2026-11-22', /at most 31 days/],
    ['/v1/trends?by=colour', /by must be/],
    ['/v1/trends?by=domain&brand=amazon', /cannot be combined/],
    ['/v1/trends?brand=acme-unknown', /unknown brand/],
    ['/v1/trends?limit=0', /limit must be at least 1/],
    ['/v1/trends?limit=abc', /limit must be a whole number/],
    ['/v1/trends?frm=2026-11-01', /unknown parameter: frm/],
    ['/v1/trends?by=brand&by=category', /given twice/],
    ['/v1/top?window=1y', /window must be/],
    ['/v1/incidents?cursor=bm90LWEtY3Vyc29y', /cursor/],
    ['/v1/alerts?days=31', /days must be at most 30/],
    ['/v1/feed/domains.txt?days=-1', /days must be at least 1/],
  ])('rejects %s with 400 and the reason', async (path, reason) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { en: string; ja: string } };
    expect(body.error.en).toMatch(reason);
    expect(body.error.ja.length).toBeGreaterThan(0);
  });

  it('finds the spike of a wave and lists it as an alert', async () => {
    // A quiet week of Amazon codes at 10:00, then a wave.
    for (let day = 13; day <= 19; day++) await report(AMAZON_CODE, `2026-11-${day}T10:05:00Z`);
    for (let i = 0; i < 12; i++) await report(AMAZON_CODE, `2026-11-23T10:${String(10 + i)}:00Z`);
    await responder.countNow();
    clock.set(new Date('2026-11-23T10:40:00Z'));
    const fresh = await responder.detectSpikes();
    expect(fresh).toEqual([
      expect.objectContaining({
        kind: 'brand_category',
        key: 'amazon|otp_unsolicited',
        hour: '2026-11-23T10',
        count: 12,
      }),
    ]);
    expect(await responder.detectSpikes()).toEqual([]);
    const alerts = (await getJson('/v1/alerts')).alerts as Record<string, unknown>[];
    expect(alerts).toEqual([
      expect.objectContaining({
        key: 'amazon|otp_unsolicited',
        brand: 'amazon',
        category: 'otp_unsolicited',
        active: true,
      }),
    ]);
  });
});
