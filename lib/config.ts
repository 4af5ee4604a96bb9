import * as z from './zod-mini';

const required = (name: string) =>
  z.string({ error: `${name} is required` }).check(z.minLength(1, `${name} is required`));

/** A whole number read from the environment; `what` is how its messages name it ("a whole number of days"). */
const wholeNumber = (name: string, what: string, bounds: { min: number; max?: number; fallback: number }) =>
  z._default(
    z.coerce
      .number({ error: `${name} must be ${what}` })
      .check(
        z.int(`${name} must be ${what}`),
        z.gte(bounds.min, `${name} must be at least ${bounds.min}`),
        ...(bounds.max === undefined ? [] : [z.lte(bounds.max, `${name} must be at most ${bounds.max}`)]),
      ),
    bounds.fallback,
  );

const ConfigSchema = z.object({
  SMISH_TABLE_NAME: required('SMISH_TABLE_NAME'),
  PUBLIC_WEBHOOK_URL: z.pipe(
    required('PUBLIC_WEBHOOK_URL'),
    z.url({ protocol: /^https?$/, error: 'PUBLIC_WEBHOOK_URL must be an http(s) URL' }),
  ),
  TWILIO_AUTH_TOKEN: required('TWILIO_AUTH_TOKEN'),
  REPORTER_HMAC_KEY: z.pipe(
    required('REPORTER_HMAC_KEY'),
    z.string().check(z.minLength(16, 'REPORTER_HMAC_KEY must be at least 16 characters')),
  ),
  RETENTION_DAYS: wholeNumber('RETENTION_DAYS', 'a whole number of days', { min: 1, max: 3650, fallback: 90 }),
  REPORTS_PER_HOUR: wholeNumber('REPORTS_PER_HOUR', 'a whole number', { min: 1, fallback: 20 }),
  REPLIES_PER_MINUTE: wholeNumber('REPLIES_PER_MINUTE', 'a whole number', { min: 1, fallback: 600 }),
  COUNTING_CALLS_IN_FLIGHT: wholeNumber('COUNTING_CALLS_IN_FLIGHT', 'a whole number', { min: 1, max: 64, fallback: 8 }),
  REPLY_COUNTRIES: z._default(
    z
      .string()
      .check(
        z.regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'REPLY_COUNTRIES must be ISO country codes separated by commas, e.g. JP,US'),
      ),
    'JP,US,CA,GB,AU,NZ,SG',
  ),
  /** Where incidents go when DynamoDB cannot take them: an SQS queue in AWS, or a file locally. */
  INCIDENT_SPOOL_QUEUE_URL: z.optional(z.url({ error: 'INCIDENT_SPOOL_QUEUE_URL must be a URL' })),
  SPOOL_FILE: z.optional(z.string().check(z.minLength(1, 'SPOOL_FILE must not be empty'))),
  /** Only for the local engine; in AWS the SDK finds DynamoDB itself. */
  DYNAMODB_ENDPOINT: z.optional(z.url({ error: 'DYNAMODB_ENDPOINT must be a URL' })),
  AWS_REGION: z._default(z.string().check(z.minLength(1, 'AWS_REGION must not be empty')), 'ap-northeast-1'),
});

export interface Config {
  readonly tableName: string;
  readonly publicWebhookUrl: string;
  readonly twilioAuthToken: string;
  readonly reporterHmacKey: string;
  readonly retentionDays: number;
  readonly dynamoEndpoint: string | undefined;
  readonly region: string;
  readonly reportsPerHour: number;
  readonly repliesPerMinute: number;
  readonly replyCountries: ReadonlySet<string>;
  /** Calls the batch counter keeps in flight (DynamoDB serves many at once; the local engine one). */
  readonly countingCallsInFlight: number;
  readonly spool: { readonly queueUrl: string } | { readonly file: string };
}

export class ConfigError extends Error {}

/**
 * Reads the service's settings from the environment, once, at start. A problem is an operator's mistake, so the
 * error names every bad variable at once and never prints a value.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  const problems = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => issue.message))];
  if (!env.INCIDENT_SPOOL_QUEUE_URL && !env.SPOOL_FILE) {
    problems.push('INCIDENT_SPOOL_QUEUE_URL (AWS) or SPOOL_FILE (local) is required');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(`configuration error: ${problems.join('; ')}`);
  const c = parsed.data;
  return {
    tableName: c.SMISH_TABLE_NAME,
    publicWebhookUrl: c.PUBLIC_WEBHOOK_URL,
    twilioAuthToken: c.TWILIO_AUTH_TOKEN,
    reporterHmacKey: c.REPORTER_HMAC_KEY,
    retentionDays: c.RETENTION_DAYS,
    dynamoEndpoint: c.DYNAMODB_ENDPOINT,
    region: c.AWS_REGION,
    reportsPerHour: c.REPORTS_PER_HOUR,
    repliesPerMinute: c.REPLIES_PER_MINUTE,
    replyCountries: new Set(c.REPLY_COUNTRIES.split(',')),
    countingCallsInFlight: c.COUNTING_CALLS_IN_FLIGHT,
    spool: c.INCIDENT_SPOOL_QUEUE_URL ? { queueUrl: c.INCIDENT_SPOOL_QUEUE_URL } : { file: c.SPOOL_FILE ?? '' },
  };
}

const OperatorConfigSchema = z
  .object({
    SMISH_TABLE_NAME: required('SMISH_TABLE_NAME'),
    /** iam in AWS (API Gateway checks SigV4); bearer locally, with OPERATOR_TOKEN. */
    OPERATOR_AUTH: z._default(z.enum(['iam', 'bearer'], { error: 'OPERATOR_AUTH must be iam or bearer' }), 'iam'),
    OPERATOR_TOKEN: z.optional(z.string().check(z.minLength(16, 'OPERATOR_TOKEN must be at least 16 characters'))),
    /** SNS topic for new alerts (AWS); without it alerts are only logged. */
    ALERT_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:', 'ALERT_TOPIC_ARN must be an ARN'))),
    DYNAMODB_ENDPOINT: z.optional(z.url({ error: 'DYNAMODB_ENDPOINT must be a URL' })),
    AWS_REGION: z._default(z.string().check(z.minLength(1, 'AWS_REGION must not be empty')), 'ap-northeast-1'),
  })
  .check(
    z.refine((c) => c.OPERATOR_AUTH === 'iam' || c.OPERATOR_TOKEN !== undefined, {
      error: 'OPERATOR_TOKEN is required when OPERATOR_AUTH is bearer',
    }),
  );

export interface OperatorConfig {
  readonly tableName: string;
  readonly auth: { readonly kind: 'iam' } | { readonly kind: 'bearer'; readonly token: string };
  readonly alertTopicArn: string | undefined;
  readonly dynamoEndpoint: string | undefined;
  readonly region: string;
}

/** The operator API's and the alert runner's settings; like loadConfig, every problem named, no value printed. */
export function loadOperatorConfig(env: Readonly<Record<string, string | undefined>> = process.env): OperatorConfig {
  const parsed = OperatorConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
    throw new ConfigError(`configuration error: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  return {
    tableName: c.SMISH_TABLE_NAME,
    auth: c.OPERATOR_AUTH === 'bearer' ? { kind: 'bearer', token: c.OPERATOR_TOKEN ?? '' } : { kind: 'iam' },
    alertTopicArn: c.ALERT_TOPIC_ARN,
    dynamoEndpoint: c.DYNAMODB_ENDPOINT,
    region: c.AWS_REGION,
  };
}
