import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../../lib/adapters/dynamo-incident-store';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { inboundSmsParams, sendSignedSms, twimlMessages } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';

describe('a DynamoDB outage mid-run: advice still goes out, the spool keeps the reports, the replay lands each once', () => {
  let responder: LocalResponder;
  const { log, lines } = capturingLogger();

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smish-outage-'));
    responder = await startLocalResponder(localSettings({ PORT: '0', DATA_DIR: dataDir }), { persist: true, log });
  });
  afterAll(async () => {
    await responder.stop();
  });

  const report = async (i: number) => {
    const params = inboundSmsParams({
      body: `【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました ${i} http://sagawa-${i % 3}.top`,
      from: `+8190222200${String(i).padStart(2, '0')}`,
      to: '+815000000000',
    });
    const started = performance.now();
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
    return { response, ms: performance.now() - started, sid: params.MessageSid };
  };

  it('counts every report exactly once', async () => {
    const before = await Promise.all([0, 1, 2, 3, 4].map(report));
    await responder.engine.pause();
    const during = await Promise.all([5, 6, 7, 8, 9, 10].map(report));
    for (const { response, ms } of during) {
      expect(response.status).toBe(200);
      expect(twimlMessages(response.body)[0]).toMatch(/佐川急便/);
      expect(ms).toBeLessThan(2_000);
    }
    const { spool } = responder.config;
    if (!('file' in spool)) throw new Error('the local responder spools to a file');
    const spooled = await readFile(spool.file, 'utf8');
    expect(spooled.trim().split('\n')).toHaveLength(6);
    expect(spooled).not.toMatch(/81902222/);
    expect(lines.filter((line) => line.includes('incident_write_failed'))).toHaveLength(6);

    await responder.engine.resume();
    const result = await responder.replay();
    expect(result).toMatchObject({ unspooled: 6, stillSpooled: 0, failed: false });
    // A second replay finds nothing to do.
    expect(await responder.replay()).toMatchObject({ unspooled: 0, stillSpooled: 0, counted: 0 });
    const store = new DynamoIncidentStore(responder.engine.client, responder.config.tableName);

    const items =
      (await responder.engine.client.send(new ScanCommand({ TableName: responder.config.tableName }))).Items ?? [];
    const incidents = items.filter((item) => item.type?.S === 'incident');
    const sids = [...before, ...during].map((r) => r.sid).sort();
    expect(incidents.map((item) => item.messageSid?.S).sort()).toEqual(sids);
    const day = new Date().toISOString().slice(0, 10);
    expect(await store.counterTotal({ granularity: 'day', period: day, dimension: 'total', value: 'all' })).toBe(11);
    expect(await store.counterTotal({ granularity: 'day', period: day, dimension: 'brand', value: 'sagawa' })).toBe(11);
  }, 60_000);
});
