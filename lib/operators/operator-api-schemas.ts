import * as z from 'zod';

/**
 * The operator API's response bodies (docs/operator-api.md), as its clients read them: a body that does not match
 * is reported as such instead of being half-rendered.
 */

export const TREND_DIMENSIONS = ['category', 'brand', 'domain', 'sender'] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];
export const TOP_DIMENSIONS = ['domain', 'brand', 'sender', 'tld'] as const;
export type TopDimension = (typeof TOP_DIMENSIONS)[number];
export const TOP_WINDOWS = ['24h', '7d', '30d'] as const;
export type TopWindow = (typeof TOP_WINDOWS)[number];
export const GRANULARITIES = ['day', 'hour'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
const count = z.int().min(0);
const LabelSchema = z.object({ en: z.string(), ja: z.string() });

export const TrendsResponseSchema = z
  .object({
    from: z.string().regex(DAY),
    to: z.string().regex(DAY),
    granularity: z.enum(GRANULARITIES),
    by: z.enum(TREND_DIMENSIONS).nullable(),
    filters: z.object({ category: z.string().nullable(), brand: z.string().nullable() }),
    periods: z.array(z.string()),
    series: z.array(z.object({ key: z.string(), label: LabelSchema, counts: z.array(count), total: count })),
    total: z.array(count),
  })
  .superRefine((body, context) => {
    const periodShape = body.granularity === 'day' ? DAY : HOUR;
    body.periods.forEach((period, index) => {
      if (!periodShape.test(period)) {
        context.addIssue({ code: 'custom', path: ['periods', index], message: `not a ${body.granularity}` });
      }
    });
    const periods = body.periods.length;
    if (body.total.length !== periods) {
      context.addIssue({
        code: 'custom',
        path: ['total'],
        message: `${body.total.length} counts for ${periods} periods`,
      });
    }
    body.series.forEach((series, index) => {
      if (series.counts.length !== periods) {
        const message = `${series.counts.length} counts for ${periods} periods`;
        context.addIssue({ code: 'custom', path: ['series', index, 'counts'], message });
      }
    });
  });
export type TrendsResponse = z.infer<typeof TrendsResponseSchema>;

export const TopResponseSchema = z.object({
  dim: z.enum(TOP_DIMENSIONS),
  window: z.enum(TOP_WINDOWS),
  from: z.string().regex(HOUR),
  to: z.string().regex(HOUR),
  items: z.array(
    z.object({
      key: z.string(),
      label: LabelSchema,
      count,
      firstSeen: z.string().regex(HOUR),
      lastSeen: z.string().regex(HOUR),
      official: z.boolean(),
    }),
  ),
});
export type TopResponse = z.infer<typeof TopResponseSchema>;

/** Every 4xx the API itself answers carries this body; API Gateway's own refusals (e.g. IAM's 403) do not. */
export const ApiErrorBodySchema = z.object({
  error: z.object({ status: z.int().optional(), en: z.string(), ja: z.string() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
