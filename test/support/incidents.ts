import type { Incident } from '../../lib/app/ports';

const BRANDS = ['amazon', 'sagawa', null] as const;
const CATEGORIES = ['phishing_link', 'delivery_scam', 'otp_unsolicited'] as const;

/** A realistic incident whose fields vary with its number, so counters of several dimensions are exercised. */
export function testIncident(id: string, receivedAt = '2026-11-23T10:15:00.000Z'): Incident {
  const n = [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const brand = BRANDS[n % BRANDS.length] ?? null;
  return {
    messageSid: `SM${id.padStart(32, '0').slice(-32)}`,
    reporter: 'f'.repeat(64),
    channel: 'sms',
    category: CATEGORIES[n % CATEGORIES.length] ?? 'phishing_link',
    risk: 'high',
    brand,
    domains: n % 2 === 0 ? [`fake-${n % 3}.top`] : [],
    sender: n % 5 === 0 ? 'SMSINFO' : null,
    lang: 'ja',
    evidence: ['link_unknown'],
    maskedText: 'お荷物のお届けにあがりました https://fake.top/****',
    receivedAt,
    expiresAt: 1_790_000_000,
  };
}
