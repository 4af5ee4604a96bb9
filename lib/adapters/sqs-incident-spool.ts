import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { IncidentSchema } from '../app/incident-schema';
import type { Incident, IncidentSpool } from '../app/ports';

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
        const parsed = IncidentSchema.safeParse(JSON.parse(message.Body ?? 'null'));
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
