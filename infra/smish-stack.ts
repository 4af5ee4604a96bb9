import * as path from 'node:path';
import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BY_DAY_INDEX, TABLE_KEYS, TTL_ATTRIBUTE, UNCOUNTED_INDEX } from '../lib/adapters/dynamo-table';
import { ServiceFunction } from './constructs/service-function';

export interface SmishStackProps extends StackProps {
  readonly stage: string;
}

export const WEBHOOK_ROUTE = '/twilio/sms';
/** The operator API and dashboard (docs/operator-api.md): GET only, IAM-signed callers only. */
export const OPERATOR_ROUTES = ['/v1/{proxy+}', '/dashboard', '/dashboard/{proxy+}'] as const;

/** Builds the dashboard's browser script into a Lambda bundle folder, with this repo's TypeScript runner. */
function dashboardBuildCommand(outputDir: string): string[] {
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const script = path.join(__dirname, 'build-dashboard.ts');
  return [
    `"${process.execPath}" "${tsNode}" --transpile-only "${script}" "${path.join(outputDir, 'dashboard-app.js')}"`,
  ];
}

/** The responder in AWS: the incident table, the inbound function, and the HTTP API route Twilio calls. */
export class SmishStack extends Stack {
  constructor(scope: Construct, id: string, props: SmishStackProps) {
    super(scope, id, props);

    // NoEcho parameters until the secret lands (see README, "Deploy to AWS").
    const twilioAuthToken = new CfnParameter(this, 'TwilioAuthToken', { type: 'String', noEcho: true });
    const reporterHmacKey = new CfnParameter(this, 'ReporterHmacKey', { type: 'String', noEcho: true, minLength: 16 });

    const table = new TableV2(this, 'Incidents', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The same indexes the local engine gets from tableDefinition(): one source, lib/adapters/dynamo-table.ts.
      globalSecondaryIndexes: [UNCOUNTED_INDEX, BY_DAY_INDEX].map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });

    // Incidents DynamoDB could not take (throttling, an outage) wait here for the scheduled replay.
    const spool = new Queue(this, 'IncidentSpool', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(2),
    });

    const api = new HttpApi(this, 'Api', { description: `smish-responder ${props.stage}` });
    const serviceEnvironment = {
      // Twilio signs the URL it calls; with the default stage there is no prefix to strip.
      PUBLIC_WEBHOOK_URL: `${api.apiEndpoint}${WEBHOOK_ROUTE}`,
      TWILIO_AUTH_TOKEN: twilioAuthToken.valueAsString,
      REPORTER_HMAC_KEY: reporterHmacKey.valueAsString,
      INCIDENT_SPOOL_QUEUE_URL: spool.queueUrl,
    };

    const inbound = new ServiceFunction(this, 'Inbound', {
      entry: path.join(__dirname, '..', 'functions', 'inbound.ts'),
      environment: serviceEnvironment,
    });
    inbound.bindIncidentTable(table, 'RW');
    spool.grantSendMessages(inbound.fn);

    const replay = new ServiceFunction(this, 'Replay', {
      entry: path.join(__dirname, '..', 'functions', 'replay.ts'),
      environment: serviceEnvironment,
      timeout: Duration.minutes(1),
    });
    replay.bindIncidentTable(table, 'RW');
    spool.grantConsumeMessages(replay.fn);
    new Rule(this, 'ReplaySchedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(replay.fn)],
    });

    api.addRoutes({
      path: WEBHOOK_ROUTE,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('InboundIntegration', inbound.fn),
    });

    // Operators: read-only API and dashboard behind IAM (SigV4), and the spike run that publishes to SNS.
    const operator = new ServiceFunction(this, 'Operator', {
      entry: path.join(__dirname, '..', 'functions', 'operator.ts'),
      environment: { OPERATOR_AUTH: 'iam' },
      afterBundling: dashboardBuildCommand,
    });
    operator.bindIncidentTable(table, 'RO');
    const operatorIntegration = new HttpLambdaIntegration('OperatorIntegration', operator.fn);
    const operatorAuthorizer = new HttpIamAuthorizer();
    for (const routePath of OPERATOR_ROUTES) {
      api.addRoutes({
        path: routePath,
        methods: [HttpMethod.GET],
        integration: operatorIntegration,
        authorizer: operatorAuthorizer,
      });
    }

    const alertTopic = new Topic(this, 'SpikeAlertTopic', { displayName: 'smish-responder spikes', enforceSSL: true });
    const spikeAlerts = new ServiceFunction(this, 'SpikeAlerts', {
      entry: path.join(__dirname, '..', 'functions', 'spike-alerts.ts'),
      environment: { ALERT_TOPIC_ARN: alertTopic.topicArn },
      timeout: Duration.minutes(1),
    });
    spikeAlerts.bindIncidentTable(table, 'RW');
    alertTopic.grantPublish(spikeAlerts.fn);
    new Rule(this, 'SpikeSchedule', {
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(spikeAlerts.fn)],
    });

    new CfnOutput(this, 'WebhookUrl', { value: `${api.apiEndpoint}${WEBHOOK_ROUTE}` });
    new CfnOutput(this, 'OperatorApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'AlertTopicArn', { value: alertTopic.topicArn });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
