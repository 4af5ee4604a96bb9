import { paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import type { Suppression } from '../../lib/app/ports';
import { startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { ScriptedClock } from '../../lib/local/scripted-clock';
import { inboundSmsParams, sendSignedSms, twimlMessages } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';
import { AMAZON_OTP_EN } from '../support/messages';

const DAY = '2026-11-23';
const REPORTS_PER_HOUR = 3;
const REPLIES_PER_MINUTE = 20;

/** A responder on its own table, with the guards set low and a clock the test moves. */
async function guardedResponder(env: Record<string, string>) {
  const clock = new ScriptedClock(new Date(`${DAY}T10:00:05Z`));
  const { log, lines } = capturingLogger();
  const responder = await startLocalResponder(localSettings({ PORT: '0' }), {
    persist: false,
    log,
    clock,
    env: { REPORTS_PER_HOUR: String(REPORTS_PER_HOUR), REPLY_COUNTRIES: 'JP,US', ...env },
  });
  const store = new DynamoIncidentStore(responder.engine.client, responder.config.tableName);
  // Reports are counted in batches after the webhook has answered: let the counter catch up before reading.
  const counted = async (dimension: 'total' | 'suppressed', value: string) => {
    await responder.countNow();
    return store.counterTotal({ granularity: 'day', period: DAY, dimension, value });
  };
  return {
    responder,
    clock,
    lines,
    /** Reports sent, and whether each got a reply; `concurrency` at a time, as a flood arrives. */
    async flood(reports: { from: string; body: string }[], concurrency = 8): Promise<boolean[]> {
      const replied: boolean[] = [];
      for (let i = 0; i < reports.length; i += concurrency) {
        const batch = reports.slice(i, i + concurrency).map(async ({ from, body }) => {
          const response = await sendSignedSms(
            responder.webhookUrl,
            LOCAL_TWILIO_AUTH_TOKEN,
            inboundSmsParams({ body, from, to: '+815000000000' }),
          );
          expect(response.status).toBe(200);
          return twimlMessages(response.body).length === 1;
        });
        replied.push(...(await Promise.all(batch)));
      }
      return replied;
    },
    total: () => counted('total', 'all'),
    suppressed: (reason: Suppression) => counted('suppressed', reason),
    async incidents(): Promise<number> {
      let count = 0;
      for await (const page of paginateScan(
        { client: responder.engine.client },
        { TableName: responder.config.tableName },
      )) {
        count += (page.Items ?? []).filter((item) => item.type?.S === 'incident').length;
      }
      return count;
    },
  };
}

const lure = (i: number) => `Your parcel could not be delivered (${i}). Pay the fee at https://parcel-${i % 7}.top/x`;
const count = (flags: boolean[]) => flags.filter(Boolean).length;

describe('abuse, over HTTP with signed requests: the reply guards hold and every report is still counted', () => {
  describe('with a per-reporter limit and a service budget that a flood cannot reach', () => {
    let guarded: Awaited<ReturnType<typeof guardedResponder>>;
    beforeAll(async () => {
      guarded = await guardedResponder({ REPLIES_PER_MINUTE: '100000' });
    });
    afterAll(async () => {
      await guarded.responder.stop();
    });

    it('a flood from one reporter gets the hourly number of replies, and every report is recorded and counted', async () => {
      const from = '+819055550001';
      const replied = await guarded.flood(Array.from({ length: 30 }, (_, i) => ({ from, body: lure(i) })));
      expect(count(replied)).toBe(REPORTS_PER_HOUR);
      expect(await guarded.incidents()).toBe(30);
      expect(await guarded.total()).toBe(30);
      expect(await guarded.suppressed('reporter_rate')).toBe(30 - REPORTS_PER_HOUR);

      guarded.clock.set(new Date(`${DAY}T11:00:05Z`));
      expect(count(await guarded.flood([{ from, body: lure(99) }]))).toBe(1);
    });

    it('reports from countries outside the reply list are recorded and counted, and never answered', async () => {
      const before = { total: await guarded.total(), incidents: await guarded.incidents() };
      const pumped = [
        '+79161234567', // Russia
        '+2348031234567', // Nigeria
        '+8821234567890', // international networks, a classic of pumping
        '+447911123456', // the United Kingdom, allowed by default but not here
        '+99912345678', // no country at all
        'whatsapp:+79161234568',
      ];
      const replied = await guarded.flood(pumped.map((from, i) => ({ from, body: `${AMAZON_OTP_EN} ${i}` })));
      expect(count(replied)).toBe(0);
      expect(await guarded.suppressed('country_not_allowed')).toBe(pumped.length);
      expect(await guarded.incidents()).toBe(before.incidents + pumped.length);
      expect(await guarded.total()).toBe(before.total + pumped.length);
    });

    it('logged every held-back reply as a suppression, and nothing unexpected', () => {
      const suppressions = guarded.lines.filter((line) => line.includes('"outcome":"suppressed:'));
      expect(suppressions).toHaveLength(30 - REPORTS_PER_HOUR + 6);
      expect(guarded.lines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    });
  });

  describe('with a service budget per minute (SMS pumping from many numbers)', () => {
    let guarded: Awaited<ReturnType<typeof guardedResponder>>;
    beforeAll(async () => {
      guarded = await guardedResponder({ REPLIES_PER_MINUTE: String(REPLIES_PER_MINUTE) });
    });
    afterAll(async () => {
      await guarded.responder.stop();
    });

    it('many reporters in one minute get at most the budget of replies; every report and suppression is counted', async () => {
      const reporters = Array.from({ length: 100 }, (_, i) => `+8190${String(66_000_000 + i)}`);
      const replied = await guarded.flood(reporters.map((from, i) => ({ from, body: lure(i) })));
      const replies = count(replied);
      expect(replies).toBeGreaterThan(0);
      expect(replies).toBeLessThanOrEqual(REPLIES_PER_MINUTE);
      expect(await guarded.suppressed('global_budget')).toBe(reporters.length - replies);
      expect(await guarded.incidents()).toBe(reporters.length);
      expect(await guarded.total()).toBe(reporters.length);

      // The budget is per minute: the next minute answers again.
      guarded.clock.set(new Date(`${DAY}T10:01:05Z`));
      expect(count(await guarded.flood([{ from: '+819077770001', body: lure(1) }]))).toBe(1);
    });
  });
});
