import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BY_DAY_INDEX, TABLE_KEYS, TTL_ATTRIBUTE, UNCOUNTED_INDEX } from '../lib/adapters/dynamo-table';
import { ServiceFunction } from './constructs/service-function';
import type { StageSettings } from './stage-settings';

export interface SmishStackProps extends StackProps {
  readonly stage: string;
  readonly settings: StageSettings;
}

export const WEBHOOK_ROUTE = '/twilio/sms';
/** The operator API and dashboard (docs/operator-api.md): GET only, IAM-signed callers only. */
export const OPERATOR_ROUTES = ['/v1/{proxy+}', '/dashboard', '/dashboard/{proxy+}'] as const;
const METRICS_NAMESPACE = 'SmishResponder';

/** Builds the dashboard's browser script into a Lambda bundle folder, with this repo's TypeScript runner. */
function dashboardBuildCommand(outputDir: string): string[] {
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const script = path.join(__dirname, 'build-dashboard.ts');
  return [
    `"${process.execPath}" "${tsNode}" --transpile-only "${script}" "${path.join(outputDir, 'dashboard-app.js')}"`,
  ];
}

/**
 * The responder in AWS: the incident table, the service secret, the webhook and operator functions behind one HTTP
 * API, the replay and spike schedules, the spool queue, the alert topic and the alarms that report to it.
 */
export class SmishStack extends Stack {
  constructor(scope: Construct, id: string, props: SmishStackProps) {
    super(scope, id, props);
    const { settings } = props;

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

    // One JSON secret: the Twilio auth token (set after deploy, README "Deploy to AWS") and the reporter HMAC key,
    // generated here so it never passes through a shell or a template.
    const serviceSecret = new Secret(this, 'ServiceSecret', {
      description: `smish-responder ${props.stage}: TWILIO_AUTH_TOKEN and REPORTER_HMAC_KEY`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ TWILIO_AUTH_TOKEN: 'set-me-after-deploy' }),
        generateStringKey: 'REPORTER_HMAC_KEY',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(serviceSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Twilio token is rotated in the Twilio console and then put here by hand; rotating the HMAC key would ' +
        "split every reporter's history (rate limits, MORE) at the rotation, so it changes only on a compromise.",
    });

    // Incidents DynamoDB could not take (throttling, an outage) wait here for the scheduled replay.
    // What the replay fails to write ten times (a malformed message) moves on here and raises an alarm.
    const spoolDeadLetters = new Queue(this, 'IncidentSpoolDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const spool = new Queue(this, 'IncidentSpool', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(2),
      deadLetterQueue: { queue: spoolDeadLetters, maxReceiveCount: 10 },
    });

    const alertTopic = new Topic(this, 'SpikeAlertTopic', { displayName: 'smish-responder alerts', enforceSSL: true });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const api = new HttpApi(this, 'Api', { description: `smish-responder ${props.stage}`, createDefaultStage: false });
    new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      autoDeploy: true,
      // Caller IPs are not logged: the webhook's caller is Twilio, an operator's is personal data we do not need.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
    });

    const secretEnvironment = { SERVICE_SECRET_ARN: serviceSecret.secretArn };
    const serviceEnvironment = {
      // Twilio signs the URL it calls; with the default stage there is no prefix to strip.
      PUBLIC_WEBHOOK_URL: `${api.apiEndpoint}${WEBHOOK_ROUTE}`,
      INCIDENT_SPOOL_QUEUE_URL: spool.queueUrl,
      RETENTION_DAYS: String(settings.retentionDays),
      REPORTS_PER_HOUR: String(settings.reportsPerHour),
      REPLIES_PER_MINUTE: String(settings.repliesPerMinute),
      REPLY_COUNTRIES: settings.replyCountries,
      ...secretEnvironment,
    };

    const inbound = new ServiceFunction(this, 'Inbound', {
      entry: path.join(__dirname, '..', 'functions', 'inbound.ts'),
      environment: serviceEnvironment,
      // A cost guard: a flood cannot scale the webhook (and the SMS bill) past this.
      reservedConcurrency: settings.inboundConcurrency,
    });
    inbound.bindIncidentTable(table, 'WEBHOOK');
    serviceSecret.grantRead(inbound.fn);
    spool.grantSendMessages(inbound.fn);

    const replay = new ServiceFunction(this, 'Replay', {
      entry: path.join(__dirname, '..', 'functions', 'replay.ts'),
      environment: serviceEnvironment,
      timeout: Duration.minutes(1),
      reservedConcurrency: 1,
    });
    replay.bindIncidentTable(table, 'RW');
    serviceSecret.grantRead(replay.fn);
    spool.grantConsumeMessages(replay.fn);
    // Every minute: counting runs here, in batches, so operators' counters trail the webhook by about a minute.
    new Rule(this, 'ReplaySchedule', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(replay.fn)],
    });

    const [webhookRoute] = api.addRoutes({
      path: WEBHOOK_ROUTE,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('InboundIntegration', inbound.fn),
    });
    if (webhookRoute) {
      Validations.of(webhookRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Twilio cannot sign with SigV4 or a JWT: the handler checks X-Twilio-Signature (HMAC-SHA1 under the auth ' +
          'token) against the configured URL before anything else, and answers 403 otherwise.',
      });
    }

    // Operators: read-only API and dashboard behind IAM (SigV4), and the spike run that publishes to SNS.
    const operator = new ServiceFunction(this, 'Operator', {
      entry: path.join(__dirname, '..', 'functions', 'operator.ts'),
      environment: { OPERATOR_AUTH: 'iam' },
      afterBundling: dashboardBuildCommand,
      reservedConcurrency: settings.operatorConcurrency,
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

    const spikeAlerts = new ServiceFunction(this, 'SpikeAlerts', {
      entry: path.join(__dirname, '..', 'functions', 'spike-alerts.ts'),
      environment: { ALERT_TOPIC_ARN: alertTopic.topicArn },
      timeout: Duration.minutes(1),
      reservedConcurrency: 1,
    });
    spikeAlerts.bindIncidentTable(table, 'RW');
    alertTopic.grantPublish(spikeAlerts.fn);
    new Rule(this, 'SpikeSchedule', {
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(spikeAlerts.fn)],
    });

    // Alarms: every one reports to the alert topic operators already subscribe to.
    const notify = new SnsAction(alertTopic);
    const alarm = (id: string, metric: Metric, threshold: number, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(notify);
    const fiveMinutes = { period: Duration.minutes(5) };
    for (const [name, fn] of Object.entries({ inbound, replay, operator, spikeAlerts })) {
      alarm(`${name}Errors`, fn.fn.metricErrors(fiveMinutes), 1, `${name}: the function failed (see its logs)`);
      alarm(`${name}Throttles`, fn.fn.metricThrottles(fiveMinutes), 1, `${name}: invocations were throttled`);
    }
    alarm(
      'InboundDurationP99',
      inbound.fn.metricDuration({ ...fiveMinutes, statistic: 'p99' }),
      2_000,
      'inbound: p99 duration is 2 s or more; people wait for their advice',
    );
    alarm(
      'SpoolDeadLetters',
      spoolDeadLetters.metricApproximateNumberOfMessagesVisible(fiveMinutes),
      1,
      'a spooled incident could not be written after 10 tries: look at the dead-letter queue',
    );
    alarm(
      'SpoolDepth',
      spool.metricApproximateNumberOfMessagesVisible(fiveMinutes),
      1,
      'incidents are waiting in the spool: DynamoDB refused writes; the replay will retry every minute',
    );
    // Suppressed replies are logged as report_handled with outcome "suppressed:<reason>"; a burst means pumping.
    new MetricFilter(this, 'SuppressedReplies', {
      logGroup: inbound.logGroup,
      filterPattern: FilterPattern.stringValue('$.outcome', '=', 'suppressed:*'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: 'SuppressedReplies',
      metricValue: '1',
    });
    alarm(
      'SuppressedRepliesBurst',
      new Metric({ namespace: METRICS_NAMESPACE, metricName: 'SuppressedReplies', statistic: 'Sum', ...fiveMinutes }),
      settings.suppressionAlarmPer5Min,
      'many replies were held back (rate limits, country allow-list, budget): a flood or SMS pumping',
    );

    new CfnOutput(this, 'WebhookUrl', { value: `${api.apiEndpoint}${WEBHOOK_ROUTE}` });
    new CfnOutput(this, 'OperatorApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'DashboardUrl', { value: `${api.apiEndpoint}/dashboard` });
    new CfnOutput(this, 'ServiceSecretArn', { value: serviceSecret.secretArn });
    new CfnOutput(this, 'AlertTopicArn', { value: alertTopic.topicArn });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
