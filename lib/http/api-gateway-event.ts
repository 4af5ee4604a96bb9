import * as z from 'zod';
import { BadRequestError } from './http-errors';

/** The fields of an API Gateway HTTP API (payload 2.0) event that the edge reads; the rest is ignored. */
export const ApiGatewayV2EventSchema = z.object({
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    requestId: z.string().default('-'),
    http: z.object({ method: z.string() }),
    /** Present when API Gateway's IAM authorizer let the request through (operator routes in AWS). */
    authorizer: z.object({ iam: z.object({ accessKey: z.string().optional() }).optional() }).optional(),
  }),
});

export type ApiGatewayV2Event = z.input<typeof ApiGatewayV2EventSchema>;
export type ParsedApiGatewayV2Event = z.output<typeof ApiGatewayV2EventSchema>;

/** The structured result API Gateway turns into an HTTP response. */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The event, validated, with header names lower-cased (API Gateway keeps the caller's case; HTTP ignores it). */
export function parseApiGatewayEvent(raw: unknown): ParsedApiGatewayV2Event {
  const parsed = ApiGatewayV2EventSchema.safeParse(raw);
  if (!parsed.success) throw new BadRequestError('the request is malformed.', 'リクエストの形式が不正です。');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.data.headers)) headers[name.toLowerCase()] = value;
  return { ...parsed.data, headers };
}
