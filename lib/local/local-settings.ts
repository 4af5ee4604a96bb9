import * as z from 'zod';
import { TABLE_SCHEMA_VERSION } from '../adapters/dynamo-table';
import { WEBHOOK_PATH } from './server';

/** A fixed token so that `npm start` and `npm run sms` agree without setup. It guards nothing but this machine. */
export const LOCAL_TWILIO_AUTH_TOKEN = 'local-twilio-auth-token-0000000000';
/** The operator API's bearer token on this machine (`npm start` prints it; OPERATOR_TOKEN overrides it). */
export const LOCAL_OPERATOR_TOKEN = 'local-operator-token-0000000000';
const LOCAL_HMAC_KEY = 'local-reporter-hmac-key-not-for-production';

const LocalSettingsSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a port number' })
    .int('PORT must be a port number')
    .min(0, 'PORT must be 0-65535')
    .max(65535, 'PORT must be 0-65535')
    .default(8787),
  DATA_DIR: z.string().min(1).default('.data'),
  TWILIO_AUTH_TOKEN: z.string().min(1).default(LOCAL_TWILIO_AUTH_TOKEN),
  PUBLIC_WEBHOOK_URL: z.string().optional(),
});

export interface LocalSettings {
  readonly port: number;
  readonly dataDir: string;
  readonly twilioAuthToken: string;
  /** Set only when the shell sets it; otherwise it follows the port the server really got. */
  readonly publicWebhookUrl: string | undefined;
}

/** The webhook URL of a local server on `port`, unless the settings name another one (e.g. a tunnel). */
export function localWebhookUrl(settings: LocalSettings, port: number): string {
  return settings.publicWebhookUrl ?? `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
}

/** Local settings from the environment, with the defaults `npm start` and `npm run sms` share. */
export function localSettings(env: Readonly<Record<string, string | undefined>> = process.env): LocalSettings {
  const parsed = LocalSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`configuration error: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const { PORT, DATA_DIR, TWILIO_AUTH_TOKEN, PUBLIC_WEBHOOK_URL } = parsed.data;
  return {
    port: PORT,
    dataDir: DATA_DIR,
    twilioAuthToken: TWILIO_AUTH_TOKEN,
    publicWebhookUrl: PUBLIC_WEBHOOK_URL,
  };
}

/** The service environment `npm start` hands to loadConfig: local defaults, overridable from the shell. */
export function localServiceEnv(
  settings: LocalSettings,
  webhookUrl: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string | undefined> {
  return {
    // A new schema (indexes) gets a new local table: the embedded engine cannot add an index to an old one.
    SMISH_TABLE_NAME: `smish-responder-local-v${TABLE_SCHEMA_VERSION}`,
    REPORTER_HMAC_KEY: LOCAL_HMAC_KEY,
    SPOOL_FILE: `${settings.dataDir}/spool.jsonl`,
    OPERATOR_TOKEN: LOCAL_OPERATOR_TOKEN,
    // The embedded engine serves one call at a time, on the machine the webhook runs on.
    COUNTING_CALLS_IN_FLIGHT: '1',
    ...env,
    TWILIO_AUTH_TOKEN: settings.twilioAuthToken,
    PUBLIC_WEBHOOK_URL: webhookUrl,
  };
}
