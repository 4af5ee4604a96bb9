import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert, AlertPublisher } from '../operators/ports';

/** New alerts to an SNS topic: one message per run, subject in English, body in both languages. */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alerts: readonly Alert[]): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `smish-responder: ${alerts.length} new spike${alerts.length === 1 ? '' : 's'}`,
        Message: describeAlerts(alerts),
      }),
    );
  }
}

/** One line per alert, readable in a mail or a chat: 急増 / spike, key, hour, count against the baseline. */
export function describeAlerts(alerts: readonly Alert[]): string {
  return alerts
    .map(
      (a) =>
        `急増 / spike: ${a.key} (${a.kind}) ${a.hour}:00Z — ${a.count} reports / 件 (baseline / 通常 ${a.baseline}/h, p=${a.pValue.toExponential(1)})`,
    )
    .join('\n');
}

/** New alerts as lines on a stream: `npm start`'s terminal, or the log when no SNS topic is set. */
export function printingAlertPublisher(
  write: (text: string) => void = (text) => process.stdout.write(text),
): AlertPublisher {
  return {
    publish: async (alerts) => {
      write(`${describeAlerts(alerts)}\n`);
    },
  };
}
