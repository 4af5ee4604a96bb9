import { readFile } from 'node:fs/promises';
import { type AttributeValue, paginateScan } from '@aws-sdk/client-dynamodb';
import { mulberry32 } from '../../lib/core/seeded-random';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { ScriptedClock } from '../../lib/local/scripted-clock';
import { inboundSmsParams, sendSignedSms, type TwilioParams } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';

/** A reporter and every way their number may be written. */
interface Reporter {
  readonly from: string;
  readonly writings: readonly string[];
}

function jpReporter(subscriber: string): Reporter {
  const [a, b] = [subscriber.slice(0, 4), subscriber.slice(4)];
  return {
    from: `+8190${subscriber}`,
    writings: [`+8190${subscriber}`, `8190${subscriber}`, `090${subscriber}`, `090-${a}-${b}`, `90${subscriber}`],
  };
}

const REPORTERS: Reporter[] = [
  jpReporter('31415926'),
  jpReporter('27182818'),
  jpReporter('16180339'),
  {
    from: '+14158234567',
    writings: ['+14158234567', '14158234567', '4158234567', '(415) 823-4567', '415-823-4567'],
  },
];
const WHATSAPP = jpReporter('14142135');

/** What each message carries that must never be stored or logged, and the texts that carry it. */
interface Workload {
  readonly messages: { from: string; body: string }[];
  readonly secrets: Set<string>;
}

function workload(seed: number, size: number): Workload {
  const random = mulberry32(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const secrets = new Set<string>();
  const keep = (...values: string[]) => {
    for (const value of values) secrets.add(value);
    return values[0] ?? '';
  };
  const reporters = [...REPORTERS, WHATSAPP];
  const templates: ((reporter: Reporter) => string)[] = [
    () => `Amazon: ${keep(digits(6))} is your sign-in code. Don't share it. Amazon will never ask for this code.`,
    () => {
      const code = keep(digits(6));
      const wide = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      return `【Amazon】確認コード:${wide}。このコードを誰にも教えないでください。`;
    },
    () => {
      const [a, b] = [digits(3), digits(3)];
      keep(`${a}${b}`, `${a} ${b}`, `${a}-${b}`);
      return `Your LINE verification code is ${a} ${b}. If you didn't request it, someone may be trying to log in.`;
    },
    () => `G-${keep(digits(6))} is your Google verification code.`,
    () => {
      const [token, tel] = [keep(`t${digits(10)}`), keep(`080${digits(8)}`)];
      return `【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました。http://sagawa-xq.top/track?id=${token}&tel=${tel}`;
    },
    () => {
      const [a, b] = [digits(4), digits(4)];
      keep(`${a}-${b}`, `${a}${b}`, `03${a}${b}`);
      const email = keep(`kazuko.${digits(3)}@example.co.jp`, `kazuko.`);
      return `SMBC: your account is locked. Call 03-${a}-${b} or write to ${email} to unlock it today.`;
    },
    () => {
      // Some valid in Japan's numbering plan, some not (090-0…, a US number without +1): each must be hashed.
      const [a, b] = [`${Math.floor(random() * 10)}${digits(3)}`, digits(4)];
      keep(`${a}-${b}`, `090${a}${b}`, `+8190${a}${b}`, `8190${a}${b}`, `415${a}${b.slice(1)}`);
      // The quoted sender is read before normalisation drops the header: it must be stored as a keyed hash.
      const headers = [`From: +81 90-${a}-${b}`, `差出人: 090-${a}-${b}`, `> > From: 415${a}${b.slice(1)}`];
      const header = headers[Math.floor(random() * headers.length)] ?? '';
      return `Fwd:\n${header}\nHi Mum, my phone broke, this is my new number. Can you send me a code?`;
    },
    (reporter) => {
      const email = keep(`hanako${digits(2)}@mail.example.com`);
      keep(email.replace('@', '%40'), email.split('@')[0] ?? '');
      return `This came to ${reporter.writings[3]}, reply to ${email}: https://x.top/t/aB3xK9pQ?u=${encodeURIComponent(email)}`;
    },
  ];
  const commands = ['STOP', 'START', 'MORE', '詳しく', 'HELP', '1', ''];
  const messages: { from: string; body: string }[] = [];
  for (let i = 0; i < size; i++) {
    const reporter = reporters[i % reporters.length] as Reporter;
    const from = reporter === WHATSAPP ? `whatsapp:${reporter.from}` : reporter.from;
    const template = templates[Math.floor(random() * templates.length)];
    const body =
      i % 5 === 4 || !template ? (commands[Math.floor(i / 5) % commands.length] ?? 'MORE') : template(reporter);
    messages.push({ from, body });
  }
  return { messages, secrets };
}

describe('privacy: after a realistic mixed workload, nothing personal is stored or logged', () => {
  let responder: LocalResponder;
  const { log, lines } = capturingLogger();
  const conversation = workload(7, 60);
  const load = workload(11, 200);
  let sid = 0;
  // Message ids that carry no chance digits (so a code cannot appear inside one by luck).
  const nextSid = () => `SM${(sid++).toString(16).padStart(32, 'a')}`;

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), {
      persist: false,
      log,
      // A fixed time: timestamps and expiry seconds stay the same from run to run, so no chance match comes or goes.
      clock: new ScriptedClock(new Date('2026-11-23T10:15:00Z')),
    });
    const send = (message: { from: string; body: string }, params?: TwilioParams) =>
      sendSignedSms(
        responder.webhookUrl,
        LOCAL_TWILIO_AUTH_TOKEN,
        params ?? inboundSmsParams({ ...message, to: '+815000000000', messageSid: nextSid() }),
      );
    // One conversation at a time, in order (commands follow reports), with a retried webhook now and then.
    for (const message of conversation.messages) {
      const params = inboundSmsParams({ ...message, to: '+815000000000', messageSid: nextSid() });
      expect((await send(message, params)).status).toBe(200);
      if (sid % 9 === 0) expect((await send(message, params)).status).toBe(200);
    }
    // Then a load run: many at once.
    for (let i = 0; i < load.messages.length; i += 10) {
      const statuses = await Promise.all(load.messages.slice(i, i + 10).map(async (m) => (await send(m)).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
  }, 60_000);
  afterAll(async () => {
    await responder.stop();
  });

  async function everyItem(): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    const { client } = responder.engine;
    for await (const page of paginateScan({ client }, { TableName: responder.config.tableName })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  /** Every attribute name and value of an item, nested ones included, each as text with where it stands. */
  function itemTexts(item: Record<string, AttributeValue>, path: string): [string, string][] {
    return Object.entries(item).flatMap(([name, value]): [string, string][] => [
      [`${path}.${name} (name)`, name],
      ...valueTexts(value, `${path}.${name}`),
    ]);
  }
  function valueTexts(value: AttributeValue, path: string): [string, string][] {
    if (value.S !== undefined) return [[path, value.S]];
    if (value.N !== undefined) return [[path, value.N]];
    if (value.B !== undefined) return [[path, Buffer.from(value.B).toString('utf8')]];
    const list = value.SS ?? value.NS;
    if (list !== undefined) return list.map((s, i) => [`${path}[${i}]`, s]);
    if (value.L !== undefined) return value.L.flatMap((v, i) => valueTexts(v, `${path}[${i}]`));
    if (value.M !== undefined) return itemTexts(value.M, path);
    return [];
  }

  const secrets = [
    ...new Set([...REPORTERS, WHATSAPP].flatMap((reporter) => reporter.writings)),
    ...conversation.secrets,
    ...load.secrets,
  ];
  const found = (places: [string, string][]) =>
    secrets.flatMap((secret) =>
      places.filter(([, text]) => text.includes(secret)).map(([where]) => ({ secret, where })),
    );

  it('no item in the table holds a reporter number, a code, a phone number, an e-mail address or a link token', async () => {
    const items = await everyItem();
    const incidents = items.filter((item) => item.type?.S === 'incident');
    // The scan really read the stored texts: every report is there, masked but with its words and domains.
    expect(incidents.length).toBeGreaterThan(180);
    const stored = incidents.map((item) => item.maskedText?.S ?? '').join('\n');
    expect(stored).toContain('sagawa-xq.top/track?id=');
    expect(stored).toMatch(/\*{6}/);
    expect(found(items.flatMap((item, i) => itemTexts(item, `item ${i}`)))).toEqual([]);
  });

  it('no captured log line holds any of them either', () => {
    expect(lines.length).toBeGreaterThan(250);
    expect(found(lines.map((line, i): [string, string] => [`log line ${i}`, line]))).toEqual([]);
  });

  it('left nothing in the spool, which would hold incidents as the table does', async () => {
    const spoolFile = 'file' in responder.config.spool ? responder.config.spool.file : '';
    const spooled = await readFile(spoolFile, 'utf8').catch(() => '');
    expect(spooled).toBe('');
  });

  it('checks for the numbers in every way they are written, and the scan can find them', () => {
    for (const writing of REPORTERS.flatMap((r) => r.writings)) expect(secrets).toContain(writing);
    const planted = { note: { M: { text: { S: `call ${REPORTERS[0]?.writings[3]}` } } } };
    expect(found(itemTexts(planted, 'planted'))).toEqual([{ secret: '090-3141-5926', where: 'planted.note.text' }]);
  });
});
