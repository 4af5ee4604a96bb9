import * as z from '../zod-mini';
import { BadRequestError } from './http-errors';

/** The fields of an API Gateway HTTP API (payload 2.0) event that the edge reads; the rest is ignored. */
export const ApiGatewayV2EventSchema = z.object({
  rawPath: z.string(),
  rawQueryString: z._default(z.string(), ''),
  headers: z._default(z.record(z.string(), z.string()), {}),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
  requestContext: z.object({
    requestId: z._default(z.string(), '-'),
    http: z.object({ method: z.string() }),
    /** Present when API Gateway's IAM authorizer let the request through (operator routes in AWS). */
    authorizer: z.optional(z.object({ iam: z.optional(z.object({ accessKey: z.optional(z.string()) })) })),
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
