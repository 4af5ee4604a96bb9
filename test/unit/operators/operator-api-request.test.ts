import { createHash, createHmac } from 'node:crypto';
import { authenticationHeaders, operatorApiUrl, signedGetHeaders } from '../../../lib/operators/operator-api-request';

const API = 'https://a1b2c3.execute-api.ap-northeast-1.amazonaws.com/prod';
const CREDENTIALS = { accessKeyId: 'AKID', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SIGNING_DATE = new Date('2026-11-23T10:15:30Z');
const REGION = 'ap-northeast-1';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * The signature API Gateway computes from the request as it arrives (SigV4, written out from AWS's description):
 * if ours equals it, the URL we send is the URL we signed.
 */
function signatureForReceivedRequest(url: URL, headers: Record<string, string>, signedHeaders: string[]): string {
  const received: Record<string, string> = { ...headers, host: url.host };
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => pair.split('=') as [string, string])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    url.pathname,
    query,
    signedHeaders.map((name) => `${name}:${received[name]?.trim()}\n`).join(''),
    signedHeaders.join(';'),
    sha256Hex(''),
  ].join('\n');
  const amzDate = received['x-amz-date'] ?? '';
  const scope = `${amzDate.slice(0, 8)}/${REGION}/execute-api/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const dateKey = hmac(`AWS4${CREDENTIALS.secretAccessKey}`, amzDate.slice(0, 8));
  const signingKey = hmac(hmac(hmac(dateKey, REGION), 'execute-api'), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

describe('operatorApiUrl', () => {
  it('puts the path after the stage and escapes the query the way SigV4 signs it', () => {
    const url = operatorApiUrl(API, { path: '/v1/trends', query: { from: '2026-11-17', brand: "a b*(c)!'~" } });
    expect(url.toString()).toBe(`${API}/v1/trends?from=2026-11-17&brand=a%20b%2A%28c%29%21%27~`);
  });

  it('leaves the query out when there is none', () => {
    expect(operatorApiUrl('http://127.0.0.1:8787', { path: '/v1/top', query: {} }).toString()).toBe(
      'http://127.0.0.1:8787/v1/top',
    );
  });
});

describe('signedGetHeaders', () => {
  const url = operatorApiUrl(API, { path: '/v1/trends', query: { to: '2026-11-23', by: 'brand', brand: 'a b*' } });

  it('signs for execute-api in the region with the caller’s key', async () => {
    const headers = await signedGetHeaders(url, REGION, CREDENTIALS, SIGNING_DATE);
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/20261123\/ap-northeast-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-date']).toBe('20261123T101530Z');
    // fetch derives Host from the URL; a second one would be refused or duplicated.
    expect(headers).not.toHaveProperty('host');
  });

  it('produces the signature API Gateway recomputes from the URL we send', async () => {
    const headers = await signedGetHeaders(url, REGION, CREDENTIALS, SIGNING_DATE);
    const [, signedHeaders = '', signature] =
      /SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(headers.authorization ?? '') ?? [];
    expect(signature).toBe(signatureForReceivedRequest(url, headers, signedHeaders.split(';')));
  });

  it('is a function of request, credentials and date alone', async () => {
    const first = await signedGetHeaders(url, REGION, CREDENTIALS, SIGNING_DATE);
    expect(await signedGetHeaders(url, REGION, CREDENTIALS, SIGNING_DATE)).toEqual(first);
    const otherQuery = operatorApiUrl(API, { path: '/v1/trends', query: { to: '2026-11-22' } });
    expect((await signedGetHeaders(otherQuery, REGION, CREDENTIALS, SIGNING_DATE)).authorization).not.toBe(
      first.authorization,
    );
  });

  it('carries and signs a session token from temporary credentials', async () => {
    const headers = await signedGetHeaders(url, REGION, { ...CREDENTIALS, sessionToken: 'TOKEN' }, SIGNING_DATE);
    expect(headers['x-amz-security-token']).toBe('TOKEN');
    expect(headers.authorization).toContain('x-amz-security-token');
  });
});

describe('authenticationHeaders', () => {
  const url = operatorApiUrl('http://127.0.0.1:8787', { path: '/v1/top', query: {} });

  it('sends the bearer token to the local server and never asks for AWS credentials', async () => {
    const noCredentials = () => Promise.reject(new Error('AWS credentials must not be needed locally'));
    const target = { kind: 'local', baseUrl: 'http://127.0.0.1:8787', token: 'op-token' } as const;
    expect(await authenticationHeaders(target, url, noCredentials, SIGNING_DATE)).toEqual({
      authorization: 'Bearer op-token',
    });
  });

  it('signs for a deployed API and sends no bearer token', async () => {
    const target = { kind: 'aws', baseUrl: API, region: REGION } as const;
    const signed = operatorApiUrl(API, { path: '/v1/top', query: { dim: 'domain' } });
    const headers = await authenticationHeaders(target, signed, () => Promise.resolve(CREDENTIALS), SIGNING_DATE);
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\//);
    expect(headers.authorization).not.toContain('Bearer');
  });
});
