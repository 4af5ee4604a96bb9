import * as z from 'zod';

/**
 * Per-stage settings, from CDK context (`-c stage=prod -c inboundConcurrency=50`, or cdk.json). Parsed with zod
 * like every other input: a typo fails the synth with the setting's name.
 */
const StageSettingsSchema = z.object({
  retentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  reportsPerHour: z.coerce.number().int().min(1).default(20),
  repliesPerMinute: z.coerce.number().int().min(1).default(600),
  replyCountries: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/)
    .default('JP,US,CA,GB,AU,NZ,SG'),
  /** Reserved concurrency of the webhook: the ceiling on what a flood can cost. */
  inboundConcurrency: z.coerce.number().int().min(1).max(1000).default(20),
  operatorConcurrency: z.coerce.number().int().min(1).max(100).default(5),
  /** HTTP API stage throttling (requests/s and burst). */
  apiRateLimit: z.coerce.number().int().min(1).default(200),
  apiBurstLimit: z.coerce.number().int().min(1).default(400),
  /** Suppressed replies per 5 minutes that raise the pumping alarm. */
  suppressionAlarmPer5Min: z.coerce.number().int().min(1).default(100),
});

export type StageSettings = z.infer<typeof StageSettingsSchema>;
export const STAGE_SETTING_NAMES = Object.keys(StageSettingsSchema.shape) as (keyof StageSettings)[];

/** The settings from a context lookup (`app.node.tryGetContext`); unknown context keys are CDK's own and ignored. */
export function stageSettings(context: (key: string) => unknown): StageSettings {
  const raw = Object.fromEntries(
    STAGE_SETTING_NAMES.map((name) => [name, context(name)]).filter(([, v]) => v !== undefined),
  );
  const parsed = StageSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
}
