import { createHash } from 'node:crypto';
import { addHours, hourOf } from '../operators/periods';
import type { Alert } from '../operators/ports';
import { demoReports } from './demo-scenario';
import type { LocalResponder } from './local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN } from './local-settings';
import type { ScriptedClock } from './scripted-clock';
import { inboundSmsParams, sendSignedSms } from './twilio-simulator';

/** Spikes are looked for in this many past hours after seeding: enough to catch the whole wave. */
const ALERT_BACKFILL_HOURS = 48;

export interface SeedResult {
  readonly sent: number;
  readonly failed: number;
  readonly alerts: readonly Alert[];
}

/**
 * Sends the demo month through the real webhook (signed like Twilio), one report at a time with the clock set to
 * its time, then looks for spikes over the last two days as the scheduled run would have. MessageSids come from
 * the report's place in the month, so a second run finds them recorded and adds nothing twice.
 */
export async function seedDemo(
  responder: LocalResponder,
  clock: ScriptedClock,
  end: Date,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<SeedResult> {
  const reports = demoReports({ end });
  let failed = 0;
  for (const [index, report] of reports.entries()) {
    clock.set(new Date(report.at));
    const messageSid = `SM${createHash('sha256').update(`demo#${index}`).digest('hex').slice(0, 32)}`;
    const params = inboundSmsParams({ body: report.body, from: report.from, to: '+815000000000', messageSid });
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
    if (response.status !== 200) failed += 1;
    progress(index + 1, reports.length);
  }
  clock.set(end);
  // Spikes are read from the counters: let the batch counter take in the last reports first.
  await responder.countNow();
  const alerts: Alert[] = [];
  for (let back = ALERT_BACKFILL_HOURS - 1; back >= 0; back--) {
    alerts.push(...(await responder.detectSpikes(addHours(hourOf(end), -back))));
  }
  return { sent: reports.length, failed, alerts };
}
