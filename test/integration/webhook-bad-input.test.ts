import { type AttributeValue, paginateScan } from '@aws-sdk/client-dynamodb';
import { inboundDependencies } from '../../lib/adapters/inbound-dependencies';
import { createInboundHandler, MAX_BODY_BYTES } from '../../lib/http/inbound-handler';
import type { FormParams } from '../../lib/http/twilio-form';
import { type LocalResponder, startLocalResponder } from '../../lib/local/local-responder';
import { LOCAL_TWILIO_AUTH_TOKEN, localSettings } from '../../lib/local/local-settings';
import { encodeForm as form } from '../../lib/local/request-mutations';
import { inboundSmsParams, twilioSignature, twimlMessages } from '../../lib/local/twilio-simulator';
import { capturingLogger } from '../support/capture-log';
import { AMAZON_OTP_EN } from '../support/messages';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

interface Request {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

describe('the webhook bad-input matrix, over HTTP against the local server and its embedded DynamoDB', () => {
  const { log, lines } = capturingLogger();
  let responder: LocalResponder;
  beforeAll(async () => {
    responder = await startLocalResponder(localSettings({ PORT: '0' }), { persist: false, log });
  });
  afterAll(() => responder.stop());

  const params = (overrides: FormParams = {}): FormParams => ({
    ...inboundSmsParams({ body: AMAZON_OTP_EN, from: '+819012340001', to: '+815000000000' }),
    ...overrides,
  });
  const sign = (p: FormParams, url = responder.webhookUrl) => twilioSignature(LOCAL_TWILIO_AUTH_TOKEN, url, p);
  /** A request as Twilio would send it, signed for `signedFor` (by default, what is sent). */
  const twilioLike = (sent: FormParams, signedFor: FormParams = sent, url?: string): Request => ({
    headers: { 'content-type': FORM, 'x-twilio-signature': sign(signedFor, url) },
    body: form(sent),
  });

  /** A signed request whose body is exactly `bytes` long, padded with a field Twilio does not send. */
  const ofSize = (p: FormParams, bytes: number) =>
    twilioLike({ ...p, Pad: 'x'.repeat(bytes - Buffer.byteLength(`${form(p)}&Pad=`)) });

  async function send(request: Request) {
    const response = await fetch(responder.webhookUrl, {
      method: request.method ?? 'POST',
      headers: request.headers,
      // A Uint8Array goes as raw bytes, with no content type added by fetch.
      body:
        request.body === undefined
          ? undefined
          : typeof request.body === 'string'
            ? new TextEncoder().encode(request.body)
            : new Uint8Array(request.body),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      allow: response.headers.get('allow'),
      body: await response.text(),
    };
  }

  /** Every item in the table (incidents, counters, reporter state, rate windows), read through the real API. */
  async function allItems(): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    const pages = paginateScan({ client: responder.engine.client }, { TableName: responder.config.tableName });
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
  const incidents = async () => (await allItems()).filter((item) => item.type?.S === 'incident');

  const rejected: { label: string; status: number; reason: RegExp; request: () => Request }[] = [
    {
      label: 'no signature',
      status: 403,
      reason: /no Twilio signature/,
      request: () => ({ headers: { 'content-type': FORM }, body: form(params()) }),
    },
    {
      label: 'a wrong signature',
      status: 403,
      reason: /does not match/,
      request: () => ({
        headers: { 'content-type': FORM, 'x-twilio-signature': Buffer.alloc(20, 7).toString('base64') },
        body: form(params()),
      }),
    },
    {
      label: 'a signature for another URL',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        return twilioLike(p, p, `${responder.webhookUrl}?stage=prod`);
      },
    },
    {
      label: 'a signature for https where the webhook is http',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        return twilioLike(p, p, responder.webhookUrl.replace(/^http:/, 'https:'));
      },
    },
    {
      label: 'a changed parameter',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        return twilioLike({ ...p, Body: `${p.Body} (edited)` }, p);
      },
    },
    {
      label: 'an added parameter',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        return twilioLike({ ...p, Extra: 'x' }, p);
      },
    },
    {
      label: 'a removed parameter',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        const { ApiVersion: _dropped, ...rest } = p;
        return twilioLike(rest, p);
      },
    },
    {
      label: 'a duplicated parameter the signature does not cover',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params();
        return twilioLike({ ...p, Body: [String(p.Body), 'second'] }, p);
      },
    },
    {
      label: 'a duplicated parameter the signature covers',
      status: 400,
      reason: /field: Body/,
      request: () => twilioLike(params({ Body: [AMAZON_OTP_EN, 'second'] })),
    },
    {
      label: 'a JSON content type',
      status: 415,
      reason: /x-www-form-urlencoded/,
      request: () => {
        const p = params();
        return {
          headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(p) },
          body: JSON.stringify(p),
        };
      },
    },
    {
      label: 'no content type',
      status: 415,
      reason: /x-www-form-urlencoded/,
      request: () => {
        const p = params();
        return { headers: { 'x-twilio-signature': sign(p) }, body: new TextEncoder().encode(form(p)) };
      },
    },
    {
      label: 'a body that is not UTF-8',
      status: 400,
      reason: /not valid UTF-8/,
      request: () => {
        const p = params();
        return {
          headers: { 'content-type': FORM, 'x-twilio-signature': sign(p) },
          body: Buffer.concat([Buffer.from(form(p)), Buffer.from('&Note=', 'ascii'), Buffer.from([0xff, 0xfe, 0x80])]),
        };
      },
    },
    {
      label: 'bad percent-encoding',
      status: 403,
      reason: /does not match/,
      request: () => {
        const p = params({ Body: 'お荷物' });
        // Half a UTF-8 sequence and a non-hex escape where Twilio's form would carry the text it signed.
        const body = form(p).replace(/Body=[^&]*/, 'Body=%E3%81%ZZ%');
        return { headers: { 'content-type': FORM, 'x-twilio-signature': sign(p) }, body };
      },
    },
    {
      label: 'an empty body, signed',
      status: 400,
      reason: /field: MessageSid, AccountSid, From, To/,
      request: () => twilioLike({}),
    },
    {
      label: 'a body of 64 KiB + 1 byte',
      status: 413,
      reason: /larger than 64 KiB/,
      request: () => ofSize(params(), MAX_BODY_BYTES + 1),
    },
    {
      label: 'a huge NumMedia',
      status: 400,
      reason: /field: NumMedia/,
      request: () => twilioLike(params({ NumMedia: '4294967296' })),
    },
    {
      label: 'control characters in From',
      status: 400,
      reason: /field: From/,
      request: () => twilioLike(params({ From: '+8190\u0000\u001b[2J1234' })),
    },
    {
      label: 'TwiML in To',
      status: 400,
      reason: /field: To/,
      request: () => twilioLike(params({ To: '<Redirect>https://evil.example/</Redirect>' })),
    },
    {
      label: 'GET',
      status: 405,
      reason: /only POST/,
      request: () => ({ method: 'GET', headers: { 'x-twilio-signature': sign({}) } }),
    },
    { label: 'PUT', status: 405, reason: /only POST/, request: () => ({ ...twilioLike(params()), method: 'PUT' }) },
  ];

  it.each(rejected)(
    '$label: answered $status with its reason, and nothing is written',
    async ({ status, reason, request }) => {
      const before = await allItems();
      const response = await send(request());
      expect(response.status).toBe(status);
      expect(response.contentType).toMatch(/^text\/plain/);
      expect(response.body).toMatch(new RegExp(`^${status} `));
      expect(response.body).toMatch(reason);
      if (status === 405) expect(response.allow).toBe('POST');
      expect(await allItems()).toEqual(before);
    },
  );

  // The local server always passes a body on base64-encoded, as the HTTP API does: a broken encoding can only
  // come in an event, so this row goes to the same handler, wired to the same table, without HTTP.
  it('invalid base64: answered 400 with its reason, and nothing is written', async () => {
    const handle = createInboundHandler(
      inboundDependencies(responder.config, { client: responder.engine.client, log }),
    );
    const p = params();
    const before = await allItems();
    const result = await handle({
      rawPath: '/twilio/sms',
      headers: { 'content-type': FORM, 'x-twilio-signature': sign(p) },
      body: `${Buffer.from(form(p)).toString('base64')}%%`,
      isBase64Encoded: true,
      requestContext: { requestId: 'bad-base64', http: { method: 'POST' } },
    });
    expect(result.statusCode).toBe(400);
    expect(result.body).toMatch(/^400 .*not valid base64/);
    expect(await allItems()).toEqual(before);
  });

  it('accepts a signed form of exactly 64 KiB, so the 413 above is about size alone', async () => {
    const p = params();
    const request = ofSize(p, MAX_BODY_BYTES);
    expect(Buffer.byteLength(String(request.body))).toBe(MAX_BODY_BYTES);
    const response = await send(request);
    expect(response.status).toBe(200);
    expect((await incidents()).filter((item) => item.messageSid?.S === p.MessageSid)).toHaveLength(1);
  });

  it.each([
    ['control characters', 'Amazon\u0000: \u0007482913 is your code\u001b[31m, verify at http://amaz0n-jp.top\u0008'],
    ['TwiML injected in the text', ']]></Message><Redirect method="POST">https://evil.example/</Redirect><Message>'],
  ])('a signed text with %s is answered with one escaped message and recorded once', async (_label, body) => {
    const p = params({ Body: body });
    const response = await send(twilioLike(p));
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^<\?xml[^>]*\?><Response><Message>[^<]*<\/Message><\/Response>$/);
    expect(twimlMessages(response.body)).toHaveLength(1);
    expect((await incidents()).filter((item) => item.messageSid?.S === p.MessageSid)).toHaveLength(1);
  });

  it('answered every bad request itself: no unexpected error was logged', () => {
    expect(lines.filter((line) => line.includes('request_rejected')).length).toBeGreaterThanOrEqual(rejected.length);
    expect(lines.filter((line) => line.includes('unexpected_error'))).toEqual([]);
  });
});
