import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Clock, Logger } from '../app/ports';
import { shippedCatalog } from '../catalog/load-catalog';
import type { OperatorConfig } from '../config';
import { DASHBOARD_CONTENT_SECURITY_POLICY, dashboardHtml, dashboardScript } from '../dashboard/assets';
import type { OperatorDependencies } from '../http/operator-handler';
import type { AlertPublisher } from '../operators/ports';
import type { SpikeRunDependencies } from '../operators/spike-run';
import { dynamoClient } from './dynamo-client';
import { DynamoOperatorStore } from './dynamo-operator-store';
import { jsonLogger } from './log';
import { printingAlertPublisher, SnsAlertPublisher } from './sns-alert-publisher';
import { systemClock } from './system-clock';

/** The table's operator side, on the given client (the local engine's) or one for the configured region. */
function operatorStore(config: OperatorConfig, client?: DynamoDBClient): DynamoOperatorStore {
  const dynamo = client ?? dynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  return new DynamoOperatorStore(dynamo, config.tableName);
}

/** The operator API's dependencies: the table's read side, the alerts, the dashboard's assets. */
export function operatorDependencies(
  config: OperatorConfig,
  overrides: { client?: DynamoDBClient; log?: Logger; clock?: Clock } = {},
): OperatorDependencies {
  const store = operatorStore(config, overrides.client);
  return {
    catalog: shippedCatalog(),
    counters: store,
    incidents: store,
    alerts: store,
    clock: overrides.clock ?? systemClock,
    log: overrides.log ?? jsonLogger(),
    auth: config.auth,
    dashboard: {
      html: dashboardHtml,
      script: dashboardScript,
      contentSecurityPolicy: DASHBOARD_CONTENT_SECURITY_POLICY,
    },
  };
}

/** The scheduled spike run's dependencies: new alerts go to SNS when a topic is set, else to `publisher`. */
export function spikeRunDependencies(
  config: OperatorConfig,
  overrides: { client?: DynamoDBClient; publisher?: AlertPublisher } = {},
): SpikeRunDependencies {
  const store = operatorStore(config, overrides.client);
  return {
    counters: store,
    alerts: store,
    publisher:
      overrides.publisher ??
      (config.alertTopicArn
        ? new SnsAlertPublisher(new SNSClient({ region: config.region }), config.alertTopicArn)
        : printingAlertPublisher()),
  };
}
