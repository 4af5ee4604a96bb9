import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore, incidentKey } from '../../lib/adapters/dynamo-incident-store';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { inboundSmsParams, sendSignedSms, type TwilioParams, twimlMessages } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';
import { AMAZON_OTP_EN, AMAZON_OTP_JA } from '../support/messages';

describe('conversation and reply guards, over HTTP with signed requests', () => {
  let responder: LocalResponder;
  const { log } = capturingLogger();

  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), {
      persist: false,
      log,
      env: { REPORTS_PER_HOUR: '3', REPLIES_PER_MINUTE: '1000' },
    });
  });
  afterAll(async () => {
    await responder.stop();
  });

  const send = async (from: string, body: string, extra: TwilioParams = {}) => {
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, {
      ...inboundSmsParams({ body, from, to: '+815000000000' }),
      ...extra,
    });
    expect(response.status).toBe(200);
    return twimlMessages(response.body);
  };
  const store = () => new DynamoIncidentStore(responder.engine.client, responder.config.tableName);
  const suppressed = (reason: string) =>
    store().counterTotal({
      granularity: 'day',
      period: new Date().toISOString().slice(0, 10),
      dimension: 'suppressed',
      value: reason,
    });

  it('answers MORE / 詳しく / 1 with the detailed steps of the last report, in its language', async () => {
    const from = '+819011110001';
    await send(from, AMAZON_OTP_JA);
    const [details] = await send(from, '詳しく');
    expect(details).toMatch(/^1\. /);
    expect(details).toContain('ログインとセキュリティ');
    const [english] = await send(from, 'MORE');
    expect(english).toContain('Login & security');
    const [byNumber] = await send(from, '1');
    expect(byNumber).toContain('ログインとセキュリティ');
  });

  it('says there is nothing to detail when there was no report', async () => {
    const [reply] = await send('+819011110002', 'more');
    expect(reply).toMatch(/no report from you/);
  });

  it('explains the service on HELP and ヘルプ', async () => {
    expect((await send('+819011110003', 'HELP'))[0]).toMatch(/forward any text/);
    expect((await send('+819011110003', 'ヘルプ'))[0]).toMatch(/転送/);
  });

  it('asks for the text when the body is empty or only a picture', async () => {
    expect((await send('+819011110004', ''))[0]).toMatch(/paste/);
    expect((await send('+819011110004', '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/x' }))[0]).toMatch(
      /貼り付け/,
    );
  });

  it('stays silent after STOP (the report is still recorded), and answers again after START', async () => {
    const from = '+819011110005';
    expect(await send(from, 'STOP')).toEqual([]);
    const before = await suppressed('opted_out');
    expect(await send(from, AMAZON_OTP_EN)).toEqual([]);
    expect(await suppressed('opted_out')).toBe(before + 1);
    expect(await send(from, 'MORE')).toEqual([]);
    expect((await send(from, 'START'))[0]).toMatch(/Replies are on again/);
    expect((await send(from, AMAZON_OTP_EN))[0]).toMatch(/tried to sign in/);
  });

  it('stops replying to one reporter past the hourly limit but still records and counts every report', async () => {
    const from = '+819011110006';
    const replies: string[][] = [];
    for (let i = 0; i < 5; i++) replies.push(await send(from, `Your parcel is held ${i}: https://parcel-${i}.top/x`));
    expect(replies.map((r) => r.length)).toEqual([1, 1, 1, 0, 0]);
    expect(await suppressed('reporter_rate')).toBe(2);
  });

  it('does not reply to numbers outside the allowed countries, but records the report', async () => {
    const before = await suppressed('country_not_allowed');
    expect(await send('+79001234567', AMAZON_OTP_EN)).toEqual([]);
    expect(await suppressed('country_not_allowed')).toBe(before + 1);
  });

  it('serves WhatsApp the same way and keeps the channel on the incident', async () => {
    const params = inboundSmsParams({
      body: AMAZON_OTP_EN,
      from: 'whatsapp:+819011110007',
      to: 'whatsapp:+815000000000',
    });
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params);
    expect(twimlMessages(response.body)[0]).toMatch(/tried to sign in/);
    const { Item } = await responder.engine.client.send(
      new GetItemCommand({ TableName: responder.config.tableName, Key: incidentKey(params.MessageSid ?? '') }),
    );
    expect(Item?.channel).toEqual({ S: 'whatsapp' });
    expect(JSON.stringify(Item)).not.toContain('819011110007');
  });
});
