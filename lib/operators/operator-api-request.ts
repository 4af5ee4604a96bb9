import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiRequest, ApiTarget } from './trends-args';

/** Builds the operator API's GET requests: the URL, and the headers that authenticate it locally or in AWS. */

/** What SigV4 needs of the caller's AWS credentials (the shape the SDK's credential providers resolve to). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

// RFC 3986 escaping, the one SigV4 signs with: encodeURIComponent leaves !'()* bare, and URLSearchParams would
// write a space as '+'. Either would make the query we send differ from the one we signed.
const escapeRfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** The full URL of `request` on the API at `baseUrl` (which may carry a stage path such as `/prod`). */
export function operatorApiUrl(baseUrl: string, request: ApiRequest): URL {
  const query = Object.entries(request.query)
    .map(([name, value]) => `${escapeRfc3986(name)}=${escapeRfc3986(value)}`)
    .join('&');
  return new URL(`${baseUrl}${request.path}${query === '' ? '' : `?${query}`}`);
}

/**
 * The SigV4 headers (`authorization`, `x-amz-date`, …) for a GET of `url` on API Gateway's `execute-api`.
 * Deterministic for a given signing date, so it is tested with fixed credentials and a fixed date.
 */
export async function signedGetHeaders(
  url: URL,
  region: string,
  credentials: AwsCredentials,
  signingDate: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'execute-api',
    region,
    credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host },
    },
    { signingDate },
  );
  // fetch sets Host from the URL itself (the same value that was signed).
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

/** The headers that authenticate a GET of `url` on `target`: a bearer token locally, a signature in AWS. */
export async function authenticationHeaders(
  target: ApiTarget,
  url: URL,
  credentials: () => Promise<AwsCredentials>,
  now: Date,
): Promise<Record<string, string>> {
  if (target.kind === 'local') return { authorization: `Bearer ${target.token}` };
  return signedGetHeaders(url, target.region, await credentials(), now);
}
