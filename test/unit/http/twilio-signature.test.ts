import { ForbiddenError } from '../../../lib/http/http-errors';
import { assertTwilioSignature } from '../../../lib/http/twilio-signature';
import { twilioSignature } from '../../../lib/local/twilio-simulator';

// Twilio's published example: token 12345 signing these fields for this URL gives this signature.
const TOKEN = '12345';
const URL_SIGNED = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('Twilio signatures', () => {
  it("signs Twilio's published test vector to its published signature", () => {
    expect(twilioSignature(TOKEN, URL_SIGNED, PARAMS)).toBe(SIGNATURE);
  });

  it('accepts the published signature', () => {
    expect(() => assertTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, PARAMS)).not.toThrow();
  });

  it.each([
    ['a missing signature', undefined, URL_SIGNED, PARAMS],
    ['another URL', SIGNATURE, 'https://mycompany.com/myapp.php?foo=1', PARAMS],
    ['http instead of https', SIGNATURE, URL_SIGNED.replace('https', 'http'), PARAMS],
    ['a changed field', SIGNATURE, URL_SIGNED, { ...PARAMS, Digits: '9999' }],
    ['an added field', SIGNATURE, URL_SIGNED, { ...PARAMS, Extra: 'x' }],
  ])('rejects %s', (_label, signature, url, params) => {
    expect(() => assertTwilioSignature(TOKEN, signature, url, params)).toThrow(ForbiddenError);
  });
});
