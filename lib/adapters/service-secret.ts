import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../config';
import * as z from '../zod-mini';

/** What the service secret holds (one JSON object); the names are the settings loadConfig reads. */
const ServiceSecretSchema = z.object({
  TWILIO_AUTH_TOKEN: z.string().check(z.minLength(1, 'the secret has no TWILIO_AUTH_TOKEN')),
  REPORTER_HMAC_KEY: z.string().check(z.minLength(16, 'the secret has no REPORTER_HMAC_KEY of at least 16 characters')),
});

/**
 * The environment with the service secret's values added, when `SERVICE_SECRET_ARN` names one (AWS); unchanged
 * otherwise (local runs set the values directly). Called once per cold start by the Lambda entries.
 */
export async function withServiceSecret(
  env: Readonly<Record<string, string | undefined>>,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient({ region: env.AWS_REGION }),
): Promise<Record<string, string | undefined>> {
  const secretId = env.SERVICE_SECRET_ARN;
  if (!secretId) return { ...env };
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString ?? '');
  } catch {
    throw new ConfigError('configuration error: the service secret is not a JSON object');
  }
  const secret = ServiceSecretSchema.safeParse(parsed);
  if (!secret.success) {
    // Names what is missing, never a value.
    throw new ConfigError(`configuration error: ${secret.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return { ...env, ...secret.data };
}

/**
 * A value built once per process on first use, for Lambda entries whose setup is asynchronous (reading the
 * secret). A failed build is not kept: the next invocation tries again instead of failing until the next cold start.
 */
export function onFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let ready: Promise<T> | undefined;
  return () => {
    ready ??= build().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
}
