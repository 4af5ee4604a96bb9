import * as z from '../zod-mini';
import { BadRequestError } from './http-errors';

/** Every field of the form as received, repeated names kept as arrays: the signature covers them all. */
export type FormParams = Record<string, string | string[]>;

/** Splits an application/x-www-form-urlencoded body. Total: any string gives some params. */
export function parseFormBody(body: string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

const address = z.string().check(z.regex(/^(?:whatsapp:)?\+?[0-9A-Za-z]{2,20}$/, 'not a phone number or sender id'));

/** The fields of Twilio's Messaging webhook that we use; Twilio sends more, and they stay in FormParams. */
export const TwilioMessageSchema = z.looseObject({
  MessageSid: z.string().check(z.regex(/^(?:SM|MM)[0-9a-fA-F]{32}$/, 'not a Twilio message id')),
  AccountSid: z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/, 'not a Twilio account id')),
  From: address,
  To: address,
  Body: z._default(z.string().check(z.maxLength(1600, 'longer than an SMS can be')), ''),
  NumMedia: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(10)), 0),
});

export type TwilioMessage = z.infer<typeof TwilioMessageSchema>;

/** Narrows signed params to a Twilio message; a malformed field is a 400 that names the field, not its value. */
export function parseTwilioMessage(params: FormParams): TwilioMessage {
  const result = TwilioMessageSchema.safeParse(params);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'form'))].join(', ');
  throw new BadRequestError(
    `the Twilio form is malformed (field: ${fields}).`,
    `Twilioのフォームが不正です(項目: ${fields})。`,
  );
}
