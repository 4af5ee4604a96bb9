import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import {
  inboundSmsParams,
  postForm,
  sendSignedSms,
  twilioSignature,
  twimlMessages,
} from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';
import { AMAZON_OTP_EN, AMAZON_OTP_JA } from '../support/messages';

const REPORTER = '+819012345678';

describe('the local responder over HTTP, with requests signed as Twilio signs them', () => {
  let responder: LocalResponder;
  const { log, lines } = capturingLogger();

  beforeAll(async () => {
    // Port 0: a free port; the webhook URL (what is signed) follows the port the server really got.
    responder = await startLocalResponder(localSettings({ PORT: '0' }), { persist: false, log });
  });
  afterAll(async () => {
    await responder.stop();
  });

  const params = (body: string) => inboundSmsParams({ body, from: REPORTER, to: '+815000000000' });
  const storedItems = async () =>
    (await responder.engine.client.send(new ScanCommand({ TableName: responder.config.tableName }))).Items ?? [];

  it('answers the seed case with TwiML advice and stores a private incident', async () => {
    const sent = params(AMAZON_OTP_EN);
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, sent);

    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/xml/);
    expect(response.body).toMatch(/^<\?xml[^>]*\?><Response><Message>[\s\S]*<\/Message><\/Response>$/);
    const [reply] = twimlMessages(response.body);
    expect(reply).toMatch(/tried to sign in to your Amazon account/);
    expect(reply).toContain('1. ');

    const item = (await storedItems()).find((i) => i.type?.S === 'incident' && i.messageSid?.S === sent.MessageSid);
    expect(item).toMatchObject({ category: { S: 'otp_unsolicited' }, brand: { S: 'amazon' }, lang: { S: 'en' } });
    expect(Number(item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000 + 89 * 86_400);
    const stored = JSON.stringify(item);
    expect(stored).not.toContain('123456');
    expect(stored).not.toContain(REPORTER);
    expect(stored).not.toContain(REPORTER.slice(1));
  });

  it('answers Japanese with Japanese, XML-escaped', async () => {
    const response = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, params(AMAZON_OTP_JA));
    const [reply] = twimlMessages(response.body);
    expect(reply).toMatch(/Amazonアカウントへのサインインを試みました/);
    expect(response.body).not.toMatch(/<Message>[^<]*<[^/]/);
  });

  it('escapes TwiML injected in the text', async () => {
    const response = await sendSignedSms(
      responder.webhookUrl,
      LOCAL_TWILIO_AUTH_TOKEN,
      params('</Message><Redirect>https://evil.example/</Redirect> see https://evil.example/x'),
    );
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('<Redirect>');
  });

  it('records a retried webhook (same MessageSid) once and answers it the same way', async () => {
    const sent = params('Your parcel is held. Pay the fee at https://parcel-fee.top/x');
    const first = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, sent);
    const second = await sendSignedSms(responder.webhookUrl, LOCAL_TWILIO_AUTH_TOKEN, sent);
    expect(second.body).toBe(first.body);
    expect(
      (await storedItems()).filter((i) => i.type?.S === 'incident' && i.messageSid?.S === sent.MessageSid),
    ).toHaveLength(1);
  });

  describe('rejections: right status, a plain reason, nothing stored', () => {
    const form = (p: Record<string, string>) => new URLSearchParams(p).toString();

    it.each([
      [
        'a tampered body',
        () => {
          const p = params('hello');
          const signature = twilioSignature(LOCAL_TWILIO_AUTH_TOKEN, responder.webhookUrl, p);
          return postForm(responder.webhookUrl, form({ ...p, Body: 'tampered' }), { 'x-twilio-signature': signature });
        },
        403,
      ],
      [
        'a signature for another URL',
        () => {
          const p = params('hello');
          const signature = twilioSignature(LOCAL_TWILIO_AUTH_TOKEN, `${responder.webhookUrl}/other`, p);
          return postForm(responder.webhookUrl, form(p), { 'x-twilio-signature': signature });
        },
        403,
      ],
      ['no signature', () => postForm(responder.webhookUrl, form(params('hello'))), 403],
      [
        'a malformed form',
        () => {
          const p = { ...params('hello'), MessageSid: 'not-a-sid' };
          return postForm(responder.webhookUrl, form(p), {
            'x-twilio-signature': twilioSignature(LOCAL_TWILIO_AUTH_TOKEN, responder.webhookUrl, p),
          });
        },
        400,
      ],
      ['a body over 64 KiB', () => postForm(responder.webhookUrl, `Body=${'a'.repeat(70_000)}`), 413],
      ['GET', () => postForm(responder.webhookUrl, '', {}, 'GET'), 405],
    ])('%s', async (_label, send, status) => {
      const before = (await storedItems()).length;
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.contentType).toMatch(/^text\/plain/);
      expect(response.body).toMatch(new RegExp(`^${status} `));
      expect((await storedItems()).length).toBe(before);
    });

    it('answers 404 for another path', async () => {
      const response = await postForm(responder.webhookUrl.replace('/twilio/sms', '/nope'), '');
      expect(response.status).toBe(404);
    });
  });

  it('stores no raw number, code, e-mail address or link token anywhere in the table', async () => {
    await sendSignedSms(
      responder.webhookUrl,
      LOCAL_TWILIO_AUTH_TOKEN,
      params(
        'Reply to taro.yamada@example.com or call 090-8765-4321, code 482913, see https://x.top/t/aB3xK9pQ?u=hanako',
      ),
    );
    const everything = JSON.stringify(await storedItems());
    for (const secret of [
      REPORTER.slice(1),
      '9012345678',
      '123456',
      '482913',
      'taro.yamada',
      '8765-4321',
      'aB3xK9pQ',
      'hanako',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('logged no phone number, code or message text', () => {
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain(REPORTER.slice(1));
    expect(all).not.toContain('123456');
    expect(all).not.toContain('sign-in code');
  });
});
