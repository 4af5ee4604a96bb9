import { CATEGORIES } from '../core/types';
import * as z from '../zod-mini';
import type { Incident } from './ports';

/** An incident as plain JSON (spool files, queue messages), checked when it is read back. */
export const IncidentSchema: z.ZodMiniType<Incident> = z.object({
  messageSid: z.string(),
  reporter: z.string(),
  channel: z.enum(['sms', 'whatsapp']),
  category: z.enum(CATEGORIES),
  risk: z.enum(['low', 'medium', 'high']),
  brand: z.nullable(z.string()),
  domains: z.array(z.string()),
  // Spooled before senders were kept: unknown.
  sender: z._default(z.nullable(z.string()), null),
  lang: z.enum(['ja', 'en']),
  evidence: z.array(z.string()),
  maskedText: z.string(),
  receivedAt: z.string(),
  expiresAt: z.number(),
});
