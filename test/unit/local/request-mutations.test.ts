import type { FormParams } from '../../../lib/http/twilio-form';
import { parseFormBody } from '../../../lib/http/twilio-form';
import { assertTwilioSignature } from '../../../lib/http/twilio-signature';
import { encodeForm, type FuzzRequest, fuzzRequests, MUTATIONS } from '../../../lib/local/request-mutations';
import { twilioSignature } from '../../../lib/local/twilio-simulator';

const TOKEN = 'test-twilio-auth-token';
const TARGET = { url: 'http://127.0.0.1:8787/twilio/sms', to: '+815000000000' };
const sign = (url: string, params: FormParams) => twilioSignature(TOKEN, url, params);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the webhook's own signature check would pass this request: the header as the server joins repeated
 * headers, the form as it decodes it, the URL Twilio is configured to call. Independent of the module's labels.
 */
function signatureHolds(request: FuzzRequest): boolean {
  const header = request.headers['x-twilio-signature'];
  const signature = typeof header === 'string' ? header : header?.join(', ');
  try {
    assertTwilioSignature(TOKEN, signature, TARGET.url, parseFormBody(utf8.decode(request.body)));
    return request.url === TARGET.url;
  } catch {
    return false;
  }
}

const first = (count: number, seed: number) => {
  const series = fuzzRequests(seed, TARGET, sign);
  return Array.from({ length: count }, () => series.next().value);
};

describe('request mutations for the fuzz run', () => {
  const requests = first(2000, 1);

  it('are the same for the same seed and differ for another', () => {
    const again = first(50, 1);
    expect(again).toEqual(requests.slice(0, 50));
    expect(first(50, 2)).not.toEqual(again);
  });

  it('draw every mutation, each with the statuses it may get', () => {
    expect(new Set(requests.map((r) => r.mutation))).toEqual(new Set(MUTATIONS));
    for (const request of requests) expect(request.allowed.length).toBeGreaterThan(0);
  });

  it('say truthfully which requests carry a valid Twilio signature', () => {
    const mislabelled = requests.filter((r) => r.signed !== signatureHolds(r)).map((r) => r.mutation);
    expect(mislabelled).toEqual([]);
    expect(requests.filter((r) => r.signed).length).toBeGreaterThan(500);
    expect(requests.filter((r) => !r.signed).length).toBeGreaterThan(1000);
  });

  it('keep a field repeated with one value signed, as Twilio signs it, and one with two values not', () => {
    const params = { MessageSid: 'SM1', Body: 'hi' };
    const signature = sign(TARGET.url, params);
    const repeated = parseFormBody(encodeForm({ ...params, Body: ['hi', 'hi'] }));
    expect(() => assertTwilioSignature(TOKEN, signature, TARGET.url, repeated)).not.toThrow();
    const changed = parseFormBody(encodeForm({ ...params, Body: ['hi', 'hi!'] }));
    expect(() => assertTwilioSignature(TOKEN, signature, TARGET.url, changed)).toThrow();
  });
});
