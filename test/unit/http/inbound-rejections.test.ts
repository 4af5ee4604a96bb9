import type { Incident, IncidentSpool, IncidentStore, ReporterStore } from '../../../lib/app/ports';
import { ReplyBudget } from '../../../lib/app/reply-budget';
import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { createInboundHandler, MAX_BODY_BYTES } from '../../../lib/http/inbound-handler';
import { capturingLogger } from '../../support/capture-log';
import { AMAZON_OTP_EN } from '../../support/messages';
import { signedEvent, smsParams, TEST_AUTH_TOKEN, TEST_WEBHOOK_URL } from '../../support/twilio-request';

/** A store that counts every call: no rejected request may reach it. */
function countingStore(): IncidentStore & { calls: number } {
  const store = {
    calls: 0,
    record: async () => {
      store.calls += 1;
      return 'recorded' as const;
    },
    uncounted: async () => {
      store.calls += 1;
      return [];
    },
    anyUncounted: async () => {
      store.calls += 1;
      return false;
    },
    claimCountingTurn: async () => {
      store.calls += 1;
      return false;
    },
    releaseCountingTurn: async () => {
      store.calls += 1;
    },
    unfinishedBatches: async () => {
      store.calls += 1;
      return [];
    },
    beginBatch: async () => {
      store.calls += 1;
    },
    finishBatch: async () => {
      store.calls += 1;
    },
  };
  return store;
}

/** A spool that keeps incidents in a list, so a test can see what an outage left for the replay. */
function keptIncidents(): IncidentSpool & { kept: Incident[] } {
  const kept: Incident[] = [];
  return {
    kept,
    keep: async (incident) => void kept.push(incident),
    drain: async () => ({ written: 0, left: kept.length }),
  };
}

/** Reporter state that counts every call and holds nothing: the rejection matrix must never reach it. */
function countingReporters(): ReporterStore & { calls: number } {
  const reporters = {
    calls: 0,
    touch<T>(value: T): Promise<T> {
      reporters.calls += 1;
      return Promise.resolve(value);
    },
    setOptedOut: () => reporters.touch(undefined),
    rememberLatest: () => reporters.touch({ optedOut: false, reportsThisHour: 1 }),
    state: () => reporters.touch({ optedOut: false, latest: null }),
    bump: () => reporters.touch(1),
    countSuppression: () => reporters.touch(undefined),
  };
  return reporters;
}

function handler(store: IncidentStore = countingStore(), reporters = countingReporters(), spool = keptIncidents()) {
  const { log, lines } = capturingLogger();
  const handle = createInboundHandler({
    catalog: shippedCatalog(),
    store,
    spool,
    reporters,
    limits: { reportsPerHour: 20, replyCountries: new Set(['JP']) },
    replyBudget: new ReplyBudget(reporters, 600),
    hasher: { hash: (n) => `h(${n.length})` },
    clock: { now: () => new Date('2026-11-23T00:00:00Z') },
    log,
    retentionDays: 90,
    twilioAuthToken: TEST_AUTH_TOKEN,
    publicWebhookUrl: TEST_WEBHOOK_URL,
  });
  return { handle, lines };
}

describe('inbound webhook rejections', () => {
  const params = smsParams(AMAZON_OTP_EN);

  it.each([
    ['no signature', signedEvent(params, { signature: null }), 403, /no Twilio signature/],
    ['a wrong signature', signedEvent(params, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }), 403, /does not match/],
    [
      'a tampered body',
      signedEvent(params, { rawBody: new URLSearchParams({ ...params, Body: 'x' }).toString() }),
      403,
      /does not match/,
    ],
    ['GET', signedEvent(params, { method: 'GET' }), 405, /only POST/],
    ['a JSON body', signedEvent(params, { contentType: 'application/json' }), 415, /x-www-form-urlencoded/],
    ['invalid base64', { ...signedEvent(params), body: '%%%not-base64%%%' }, 400, /not valid base64/],
    [
      'non-UTF-8 bytes',
      { ...signedEvent(params), body: Buffer.from([0x42, 0x6f, 0xff, 0xfe]).toString('base64') },
      400,
      /not valid UTF-8/,
    ],
    ['a body over 64 KiB', signedEvent(params, { rawBody: 'a'.repeat(MAX_BODY_BYTES + 1) }), 413, /64 KiB/],
    ['an event that is not an API Gateway event', { hello: 'world' }, 400, /malformed/],
  ])('%s gets %i with a plain-text reason and is not recorded', async (_label, event, status, reason) => {
    const store = countingStore();
    const reporters = countingReporters();
    const { handle } = handler(store, reporters);
    const result = await handle(event);
    expect(store.calls + reporters.calls).toBe(0);
    expect(result.statusCode).toBe(status);
    expect(result.headers['content-type']).toMatch(/^text\/plain/);
    expect(result.body).toMatch(reason);
    expect(result.body).not.toMatch(/at .*\.ts|Error:/);
  });

  it('answers 400 naming the field, not the value, when a signed form is malformed', async () => {
    const bad = { ...params, From: 'not a number!' };
    const { handle } = handler();
    const result = await handle(signedEvent(bad));
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('field: From');
    expect(result.body).not.toContain('not a number!');
  });

  it('rejects duplicated fields for what must be one value', async () => {
    const form = `${new URLSearchParams(params).toString()}&Body=second`;
    const signedParams: Record<string, string | string[]> = { ...params, Body: [params.Body ?? '', 'second'] };
    const { twilioSignature } = await import('../../../lib/local/twilio-simulator');
    const event = signedEvent(params, {
      rawBody: form,
      signature: twilioSignature(TEST_AUTH_TOKEN, TEST_WEBHOOK_URL, signedParams),
    });
    const { handle } = handler();
    const result = await handle(event);
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('field: Body');
  });

  it('sends an Allow header with 405', async () => {
    const { handle } = handler();
    const result = await handle(signedEvent(params, { method: 'PUT' }));
    expect(result.headers.allow).toBe('POST');
  });

  it('still answers with advice, and logs once without personal data, when the store fails', async () => {
    const outage = () => Promise.reject(new Error('ProvisionedThroughputExceeded'));
    const failingStore: IncidentStore = {
      record: outage,
      uncounted: outage,
      anyUncounted: outage,
      claimCountingTurn: outage,
      releaseCountingTurn: outage,
      unfinishedBatches: outage,
      beginBatch: outage,
      finishBatch: outage,
    };
    const spool = keptIncidents();
    const { handle, lines } = handler(failingStore, countingReporters(), spool);
    const result = await handle(signedEvent(params));
    expect(result.statusCode).toBe(200);
    expect(spool.kept.map((incident) => incident.messageSid)).toEqual([params.MessageSid]);
    expect(result.body).toContain('<Message>');
    const failures = lines.filter((line) => line.includes('incident_write_failed'));
    expect(failures).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/123456|\+819012345678/);
  });
});
