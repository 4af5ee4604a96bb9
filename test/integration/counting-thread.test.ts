import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { inboundSmsParams, sendSignedSms } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';

describe('npm start’s layout: the engine in its own process, counting in a thread of its own', () => {
  let responder: LocalResponder;
  const { log } = capturingLogger();

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), {
      persist: false,
      engineProcess: true,
      log,
      countEveryMs: 100,
    });
  }, 30_000);
  afterAll(async () => {
    await responder.stop();
  });

  it('counts every signed report exactly once, by itself and when asked', async () => {
    const send = (i: number) =>
      sendSignedSms(
        responder.webhookUrl,
        LOCAL_TWILIO_AUTH_TOKEN,
        inboundSmsParams({
          body: `【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました http://sagawa-${i % 4}.top`,
          from: `+81903333${String(i).padStart(4, '0')}`,
          to: '+815000000000',
        }),
      );
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i)));
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    const store = new DynamoIncidentStore(responder.engine.client, responder.config.tableName);
    const day = new Date().toISOString().slice(0, 10);
    const total = () => store.counterTotal({ granularity: 'day', period: day, dimension: 'total', value: 'all' });
    // The thread counts on its own within a few ticks…
    const deadline = Date.now() + 10_000;
    while ((await total()) < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await total()).toBe(40);
    // …and countNow finds nothing left, then counts a late report at once.
    expect(await responder.countNow()).toEqual({ counted: 0, busy: false });
    await send(40);
    await responder.countNow();
    expect(await total()).toBe(41);
    expect(await store.counterTotal({ granularity: 'day', period: day, dimension: 'brand', value: 'sagawa' })).toBe(41);
    expect(await store.uncounted(10)).toEqual([]);
  }, 30_000);
});
