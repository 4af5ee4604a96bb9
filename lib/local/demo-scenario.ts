/**
 * A realistic month of forwarded texts for the demo: several brands and scams in Japanese and English, a daily
 * rhythm (people forward in the daytime, Japan time), and a wave of unrequested Amazon sign-in codes in the last
 * day and a half, with a look-alike domain campaign riding on it. Pure and seeded: the same seed and end time give
 * the same month.
 */

export interface DemoReport {
  /** ISO time the report arrives at. */
  readonly at: string;
  readonly from: string;
  readonly body: string;
}

import { mulberry32 } from '../core/seeded-random';

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;
const digits = (count: number, random: Random) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
const letters = (count: number, random: Random) =>
  Array.from({ length: count }, () => 'abcdefghjkmnpqrstuvwxyz23456789'[Math.floor(random() * 31)]).join('');

/** One kind of text, how often it comes (relative), and how to write one. */
interface Template {
  readonly weight: number;
  readonly write: (random: Random) => string;
}

const TEMPLATES: readonly Template[] = [
  {
    weight: 10,
    write: (r) =>
      `${pick(['From: SAGAWA\n', '', ''], r)}佐川急便より不在のため持ち帰りました。下記よりご確認ください https://${pick(['sagawa-ex', 'sagawa-exp', 'sagawa-nk'], r)}.${pick(['top', 'cn', 'xyz'], r)}/${letters(6, r)}`,
  },
  {
    weight: 8,
    write: (r) =>
      `【ヤマト運輸】お荷物の配達に伺いましたが不在でした。再配達はこちら http://${pick(['kuroneko-yamato', 'yamato-tq', 'yamato-re'], r)}.${pick(['com-jp.top', 'icu', 'cc'], r)}/?${letters(5, r)}`,
  },
  {
    weight: 7,
    write: (r) =>
      `【Amazon】お客様のアカウントを一時停止しました。本人確認をお願いします https://amaz${pick(['0n', 'on-jp', 'n-secure'], r)}.${pick(['top', 'shop', 'cn'], r)}/signin`,
  },
  {
    weight: 6,
    write: (r) =>
      `${pick(['From: +63 917 ', 'From: +84 90 ', ''], r)}${digits(3, r)} ${digits(4, r)}\n【三井住友カード】カードのご利用を一時制限しています。詳細確認 https://smbc-${letters(4, r)}.${pick(['top', 'vip', 'cn'], r)}/`,
  },
  {
    weight: 5,
    write: (r) =>
      `【国税庁】未払いの税金があります。本日中にお支払いください https://nta-${letters(3, r)}.${pick(['top', 'life'], r)}/pay`,
  },
  {
    weight: 5,
    write: (r) =>
      `USPS: Your package could not be delivered due to an incomplete address. Update here: https://usps-${letters(4, r)}.${pick(['top', 'com-track.xyz', 'info'], r)}/us`,
  },
  {
    weight: 4,
    write: (r) =>
      `${pick(['From: TollAlert\n', ''], r)}E-ZPass: You have an unpaid toll of $${digits(1, r)}.${digits(2, r)}. Avoid a late fee: https://ezpass-${letters(4, r)}.${pick(['top', 'vip'], r)}/pay`,
  },
  {
    weight: 4,
    write: (r) => `Amazon: ${digits(6, r)} is your sign-in code. Don't share it with anyone.`,
  },
  {
    weight: 4,
    write: (r) => `${digits(6, r)} は Amazon のワンタイムパスワードです。誰にも教えないでください。`,
  },
  {
    weight: 3,
    write: (r) =>
      `【au】ご利用料金のお支払いが確認できません。至急ご確認ください https://au-${letters(4, r)}.${pick(['top', 'cn'], r)}/`,
  },
  {
    weight: 3,
    write: (r) =>
      `Hi Mum, I've broken my phone, this is my new number. Can you text me on WhatsApp? ${pick(['x', 'xx', ''], r)}`,
  },
  {
    weight: 2,
    write: (r) =>
      `【楽天】ポイント${digits(4, r)}円分の当選おめでとうございます。受け取りはこちら https://rakuten-${letters(4, r)}.${pick(['top', 'xyz'], r)}/`,
  },
  {
    weight: 2,
    write: (r) =>
      `Someone tried to sign in to your Apple ID. If this wasn't you, call Apple Support at +1 ${pick(['833', '844', '877'], r)}-${digits(3, r)}-${digits(4, r)}`,
  },
  {
    weight: 2,
    write: (r) => `Amazonにログインできません。パスワードを${pick(['忘れました', '何度入れてもエラーになります'], r)}`,
  },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);

function ordinaryText(random: Random): string {
  let roll = random() * TOTAL_WEIGHT;
  for (const template of TEMPLATES) {
    roll -= template.weight;
    if (roll < 0) return template.write(random);
  }
  return (TEMPLATES[0] as Template).write(random);
}

/** The wave: codes nobody asked for, in both languages, and a phishing link that copies the sign-in page. */
function waveText(random: Random): string {
  const code = digits(6, random);
  return pick(
    [
      `Amazon: ${code} is your sign-in code. Don't share it with anyone.`,
      `${code} は Amazon のワンタイムパスワードです。誰にも教えないでください。`,
      `Amazon: Your one-time password is ${code}. If you didn't request this, someone may be trying to sign in.`,
      `【Amazon】サインインを確認してください。心当たりがない場合は https://${pick(['amazon-signin', 'amazon-co-jp-signin'], random)}.top/ap/signin?ref=${letters(6, random)} から停止してください`,
    ],
    random,
  );
}

// Share of a day's reports in each UTC hour: people forward in the Japanese daytime and evening (UTC+9).
const HOURLY_SHAPE = [6, 7, 7, 6, 5, 5, 5, 5, 6, 7, 8, 9, 9, 7, 4, 2, 1, 1, 1, 1, 1, 2, 3, 5];
const SHAPE_TOTAL = HOURLY_SHAPE.reduce((sum, share) => sum + share, 0);

/** Poisson sample by inversion (small means only). */
function poisson(mean: number, random: Random): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

export interface DemoOptions {
  readonly end: Date;
  readonly days?: number;
  readonly perDay?: number;
  readonly seed?: number;
}

/** The month of reports up to `end`, oldest first. */
export function demoReports(options: DemoOptions): DemoReport[] {
  const { end, days = 30, perDay = 70, seed = 20_251_123 } = options;
  const random = mulberry32(seed);
  const endHour = Math.floor(end.getTime() / 3_600_000);
  const waveStart = endHour - 36;
  const senders = Array.from({ length: 500 }, (_, i) =>
    i % 9 === 0 ? `+1415555${String(1000 + i).slice(-4)}` : `+8190${String(10_000_000 + i * 7919).slice(-8)}`,
  );
  const reports: DemoReport[] = [];
  for (let hour = endHour - days * 24 + 1; hour <= endHour; hour++) {
    const hourOfDay = ((hour % 24) + 24) % 24;
    const weekday = new Date(hour * 3_600_000).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.8 : 1;
    const ordinary = poisson((perDay * weekly * (HOURLY_SHAPE[hourOfDay] ?? 1)) / SHAPE_TOTAL, random);
    // The wave builds over a day and a half to about 25 reports an hour, on top of the usual traffic.
    const wave = hour >= waveStart ? poisson(4 + (21 * (hour - waveStart)) / 36, random) : 0;
    const count = ordinary + wave;
    const minutes = Array.from({ length: count }, () => Math.floor(random() * 3_600_000)).sort((a, b) => a - b);
    minutes.forEach((offset, index) => {
      const at = new Date(hour * 3_600_000 + offset);
      if (at > end) return;
      reports.push({
        at: at.toISOString(),
        from: pick(senders, random),
        body: index < ordinary ? ordinaryText(random) : waveText(random),
      });
    });
  }
  return reports.sort((a, b) => a.at.localeCompare(b.at));
}
