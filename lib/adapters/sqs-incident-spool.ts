import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import type { Incident, IncidentSpool } from '../app/ports';
import { CATEGORIES } from '../core/types';

const IncidentMessageSchema = z.object({
  messageSid: z.string(),
  reporter: z.string(),
  channel: z.enum(['sms', 'whatsapp']),
  category: z.enum(CATEGORIES),
  risk: z.enum(['low', 'medium', 'high']),
  brand: z.string().nullable(),
  domains: z.array(z.string()),
  lang: z.enum(['ja', 'en']),
  evidence: z.array(z.string()),
  maskedText: z.string(),
  receivedAt: z.string(),
  expiresAt: z.number(),
});

/** The spool in AWS: an SQS queue (a dead-letter queue for incident writes), drained by the scheduled replay. */
export class SqsIncidentSpool implements IncidentSpool {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async keep(incident: Incident): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(incident) }));
  }

  async drain(write: (incident: Incident) => Promise<void>): Promise<{ written: number; left: number }> {
    let written = 0;
    let left = 0;
    for (let round = 0; round < 50; round++) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        const parsed = IncidentMessageSchema.safeParse(JSON.parse(message.Body ?? 'null'));
        // A malformed message stays (and reaches the queue's own redrive policy) rather than being dropped.
        if (!parsed.success) {
          left++;
          continue;
        }
        try {
          await write(parsed.data);
          await this.client.send(
            new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
          written++;
        } catch {
          left++;
        }
      }
    }
    return { written, left };
  }
}
