import * as z from 'zod';

const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} is required`);

const ConfigSchema = z.object({
  SMISH_TABLE_NAME: required('SMISH_TABLE_NAME'),
  PUBLIC_WEBHOOK_URL: required('PUBLIC_WEBHOOK_URL').pipe(
    z.url({ protocol: /^https?$/, error: 'PUBLIC_WEBHOOK_URL must be an http(s) URL' }),
  ),
  TWILIO_AUTH_TOKEN: required('TWILIO_AUTH_TOKEN'),
  REPORTER_HMAC_KEY: required('REPORTER_HMAC_KEY').pipe(
    z.string().min(16, 'REPORTER_HMAC_KEY must be at least 16 characters'),
  ),
  RETENTION_DAYS: z.coerce
    .number({ error: 'RETENTION_DAYS must be a whole number of days' })
    .int('RETENTION_DAYS must be a whole number of days')
    .min(1, 'RETENTION_DAYS must be at least 1')
    .max(3650, 'RETENTION_DAYS must be at most 3650')
    .default(90),
  REPORTS_PER_HOUR: z.coerce
    .number({ error: 'REPORTS_PER_HOUR must be a whole number' })
    .int('REPORTS_PER_HOUR must be a whole number')
    .min(1, 'REPORTS_PER_HOUR must be at least 1')
    .default(20),
  REPLIES_PER_MINUTE: z.coerce
    .number({ error: 'REPLIES_PER_MINUTE must be a whole number' })
    .int('REPLIES_PER_MINUTE must be a whole number')
    .min(1, 'REPLIES_PER_MINUTE must be at least 1')
    .default(600),
  REPLY_COUNTRIES: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'REPLY_COUNTRIES must be ISO country codes separated by commas, e.g. JP,US')
    .default('JP,US,CA,GB,AU,NZ,SG'),
  /** Where incidents go when DynamoDB cannot take them: an SQS queue in AWS, or a file locally. */
  INCIDENT_SPOOL_QUEUE_URL: z.url({ error: 'INCIDENT_SPOOL_QUEUE_URL must be a URL' }).optional(),
  SPOOL_FILE: z.string().min(1).optional(),
  /** Only for the local engine; in AWS the SDK finds DynamoDB itself. */
  DYNAMODB_ENDPOINT: z.url({ error: 'DYNAMODB_ENDPOINT must be a URL' }).optional(),
  AWS_REGION: z.string().min(1).default('ap-northeast-1'),
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
    spool: c.INCIDENT_SPOOL_QUEUE_URL ? { queueUrl: c.INCIDENT_SPOOL_QUEUE_URL } : { file: c.SPOOL_FILE ?? '' },
  };
}

const OperatorConfigSchema = z
  .object({
    SMISH_TABLE_NAME: required('SMISH_TABLE_NAME'),
    /** iam in AWS (API Gateway checks SigV4); bearer locally, with OPERATOR_TOKEN. */
    OPERATOR_AUTH: z.enum(['iam', 'bearer'], { error: 'OPERATOR_AUTH must be iam or bearer' }).default('iam'),
    OPERATOR_TOKEN: z.string().min(16, 'OPERATOR_TOKEN must be at least 16 characters').optional(),
    /** SNS topic for new alerts (AWS); without it alerts are only logged. */
    ALERT_TOPIC_ARN: z.string().startsWith('arn:', 'ALERT_TOPIC_ARN must be an ARN').optional(),
    DYNAMODB_ENDPOINT: z.url({ error: 'DYNAMODB_ENDPOINT must be a URL' }).optional(),
    AWS_REGION: z.string().min(1).default('ap-northeast-1'),
  })
  .refine((c) => c.OPERATOR_AUTH === 'iam' || c.OPERATOR_TOKEN !== undefined, {
    error: 'OPERATOR_TOKEN is required when OPERATOR_AUTH is bearer',
  });

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
