import type { Lang, Localized } from './dashboard-data';

/**
 * Every piece of text the dashboard shows, in both languages. A record keyed by the text's purpose, so that a
 * missing translation is a type error and not an empty heading.
 */
export const DASHBOARD_TEXT = {
  pageTitle: { en: 'Smishing reports', ja: 'SMS詐欺の通報状況' },
  subtitle: {
    en: 'Texts people forwarded to the responder: what is impersonated, which domains to take down.',
    ja: '転送された不審なSMSから、なりすまされているブランドと削除要請すべきドメインを把握します。',
  },
  languageSwitch: { en: 'Language', ja: '表示言語' },
  loading: { en: 'Loading…', ja: '読み込み中…' },
  updatedAt: { en: 'updated {time}', ja: '{time} 更新' },
  totalReports: { en: 'Reports in the last 30 days', ja: '過去30日間の通報数' },
  todayReports: { en: 'Today (UTC)', ja: '本日（UTC）' },
  activeAlerts: { en: 'Active alerts', ja: '発生中のアラート' },
  byCategory: { en: 'Reports per day by category', ja: 'カテゴリ別の通報数（日別）' },
  byBrand: { en: 'Reports per day by impersonated brand', ja: 'なりすまされたブランド別の通報数（日別）' },
  last30Days: { en: 'last 30 days, UTC days', ja: '過去30日間・UTC日付' },
  otherBrands: { en: 'Other brands', ja: 'その他のブランド' },
  otherCategories: { en: 'Other categories', ja: 'その他のカテゴリ' },
  reportsAxis: { en: 'reports', ja: '件数' },
  topBrands: { en: 'Most impersonated brands', ja: 'なりすまし件数の多いブランド' },
  topDomains: { en: 'Most reported domains', ja: '通報の多いドメイン' },
  window30d: { en: 'last 30 days', ja: '過去30日間' },
  window7d: { en: 'last 7 days', ja: '過去7日間' },
  rank: { en: '#', ja: '順位' },
  brand: { en: 'Brand', ja: 'ブランド' },
  domain: { en: 'Domain', ja: 'ドメイン' },
  count: { en: 'Reports', ja: '件数' },
  firstSeen: { en: 'First seen', ja: '初回' },
  lastSeen: { en: 'Last seen', ja: '最終' },
  official: { en: 'official', ja: '公式' },
  officialHint: {
    en: "The brand's own domain: a real link quoted in a report, not one to take down.",
    ja: 'ブランド自身の正規ドメインです（削除要請の対象ではありません）。',
  },
  noReports: { en: 'No reports in this period.', ja: 'この期間の通報はありません。' },
  alerts: { en: 'Alerts', ja: 'アラート' },
  alertsWindow: { en: 'last 7 days, newest first', ja: '過去7日間・新しい順' },
  noAlerts: { en: 'No alerts in the last 7 days.', ja: '過去7日間のアラートはありません。' },
  alertActive: { en: 'active', ja: '発生中' },
  alertCount: { en: '{count} reports in one hour (usually {baseline})', ja: '1時間に{count}件（通常は{baseline}件）' },
  timesNote: {
    en: 'Charts count UTC days; rankings and alerts show times in your time zone ({zone}). Refreshes every 30 s.',
    ja: 'グラフはUTCの日付で集計しています。ランキングとアラートの時刻はお使いのタイムゾーン（{zone}）です。30秒ごとに更新します。',
  },
  loadFailed: {
    en: 'Could not load the data ({reason}). Showing what was loaded before; retrying in 30 s.',
    ja: 'データを読み込めませんでした（{reason}）。前回の内容を表示しています。30秒後に再試行します。',
  },
  forbidden: {
    en: 'Access denied (403): your credentials are not allowed to read the operator API.',
    ja: 'アクセスが拒否されました（403）。このオペレーター API を読む権限がありません。',
  },
} as const satisfies Record<string, Localized>;

export type TextKey = keyof typeof DASHBOARD_TEXT;

/** Whether a name read from the page (a `data-text` attribute) is one of the texts. */
export function isTextKey(name: string | undefined): name is TextKey {
  return name !== undefined && Object.hasOwn(DASHBOARD_TEXT, name);
}

/**
 * Shown in both languages at once, whatever the switch says: someone who cannot sign in may not find the switch.
 * The token travels in the link's fragment, which is why opening that exact link is the fix.
 */
export const UNAUTHORIZED_TEXT: Localized = {
  ja: '認証が必要です（401）。npm start が表示するダッシュボードのリンク（末尾が #token=… のもの）をそのまま開いてください。',
  en: 'Sign-in needed (401): open the dashboard link that npm start prints (the one ending in #token=…).',
};

/** The text for `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function text(key: TextKey, lang: Lang, values: Readonly<Record<string, string | number>> = {}): string {
  return DASHBOARD_TEXT[key][lang].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}
