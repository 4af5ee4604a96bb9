import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock, Logger } from '../app/ports';
import { ReplyBudget } from '../app/reply-budget';
import { shippedCatalog } from '../catalog/load-catalog';
import type { Config } from '../config';
import type { InboundDependencies } from '../http/inbound-handler';
import { dynamoClient } from './dynamo-client';
import { DynamoIncidentStore } from './dynamo-incident-store';
import { DynamoReporterStore } from './dynamo-reporter-store';
import { FileIncidentSpool } from './file-incident-spool';
import { HmacReporterHasher } from './hmac-reporter-hasher';
import { jsonLogger } from './log';
import { SqsIncidentSpool } from './sqs-incident-spool';
import { systemClock } from './system-clock';

/** Builds the inbound pipeline's dependencies once per process; the SDK client is reused across invocations. */
export function inboundDependencies(
  config: Config,
  overrides: { client?: DynamoDBClient; log?: Logger; clock?: Clock } = {},
): InboundDependencies {
  const dynamo = overrides.client ?? dynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  const reporters = new DynamoReporterStore(dynamo, config.tableName);
  return {
    catalog: shippedCatalog(),
    store: new DynamoIncidentStore(dynamo, config.tableName, config.countingCallsInFlight),
    reporters,
    spool:
      'queueUrl' in config.spool
        ? new SqsIncidentSpool(new SQSClient({ region: config.region }), config.spool.queueUrl)
        : new FileIncidentSpool(config.spool.file),
    limits: {
      reportsPerHour: config.reportsPerHour,
      replyCountries: config.replyCountries,
    },
    replyBudget: new ReplyBudget(reporters, config.repliesPerMinute),
    hasher: new HmacReporterHasher(config.reporterHmacKey),
    clock: overrides.clock ?? systemClock,
    log: overrides.log ?? jsonLogger(),
    retentionDays: config.retentionDays,
    twilioAuthToken: config.twilioAuthToken,
    publicWebhookUrl: config.publicWebhookUrl,
  };
}
