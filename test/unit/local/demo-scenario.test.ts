import { demoReports } from '../../../lib/local/demo-scenario';

describe('demo month', () => {
  const end = new Date('2026-11-23T12:30:00Z');
  const reports = demoReports({ end });
  const hourOf = (at: string) => at.slice(0, 13);
  const perHour = (filter: (body: string) => boolean) => {
    const counts = new Map<string, number>();
    for (const r of reports.filter((report) => filter(report.body))) {
      counts.set(hourOf(r.at), (counts.get(hourOf(r.at)) ?? 0) + 1);
    }
    return counts;
  };

  it('is the same month for the same seed and end, ordered, and ends at the end', () => {
    expect(demoReports({ end })).toEqual(reports);
    expect(demoReports({ end, seed: 7 })).not.toEqual(reports);
    expect(reports.map((r) => r.at)).toEqual([...reports.map((r) => r.at)].sort());
    expect(reports.at(-1)?.at.localeCompare(end.toISOString())).toBeLessThanOrEqual(0);
    expect(reports[0]?.at.localeCompare('2026-10-24T13:00:00Z')).toBeGreaterThanOrEqual(0);
  });

  it('has a daily rhythm: Japanese daytime busier than the Japanese night', () => {
    const before = reports.filter((r) => r.at < '2026-11-21');
    const utcHour = (r: { at: string }) => Number(r.at.slice(11, 13));
    const daytime = before.filter((r) => utcHour(r) >= 0 && utcHour(r) < 12).length; // 09:00–21:00 JST
    const night = before.filter((r) => utcHour(r) >= 15 && utcHour(r) < 21).length; // 00:00–06:00 JST
    expect(daytime).toBeGreaterThan(night * 4);
  });

  it('carries a wave of unrequested Amazon codes in the last day and a half, several brands, both languages', () => {
    const codes = perHour((body) => /sign-in code|ワンタイムパスワード|one-time password/.test(body));
    const quietWeek = [...codes.entries()].filter(([hour]) => hour < '2026-11-21T00').map(([, n]) => n);
    const lastHours = ['2026-11-23T08', '2026-11-23T09', '2026-11-23T10', '2026-11-23T11'].map(
      (h) => codes.get(h) ?? 0,
    );
    expect(Math.max(...quietWeek)).toBeLessThan(6);
    expect(Math.min(...lastHours)).toBeGreaterThanOrEqual(8);
    const text = reports.map((r) => r.body).join('\n');
    for (const brand of ['佐川急便', 'ヤマト運輸', 'USPS', 'E-ZPass', '三井住友カード', '国税庁', 'Apple']) {
      expect(text).toContain(brand);
    }
    expect(reports.length).toBeGreaterThan(1500);
    expect(reports.length).toBeLessThan(4000);
  });
});
