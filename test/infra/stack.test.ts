import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SmishStack } from '../../infra/smish-stack';
import { stageSettings } from '../../infra/stage-settings';

const DEFAULTS = stageSettings(() => undefined);

/** The stack in an app that runs the AWS Solutions checks on synth, as infra/app.ts does. */
function checkedApp(build: (app: App) => void): { app: App; violations: () => unknown[] } {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  build(app);
  return {
    app,
    violations: () => {
      const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { violations?: unknown[] }[];
      };
      return report.pluginReports.flatMap((plugin) => plugin.violations ?? []);
    },
  };
}

type Statement = { Action: string | string[]; Resource: unknown };

describe('SmishStack', () => {
  // Synthesis bundles the functions with the local esbuild: no Docker, no AWS account.
  const stack = new SmishStack(new App(), 'Test', { stage: 'prod', settings: DEFAULTS });
  const template = Template.fromStack(stack);

  /** The actions each function's role may take, by the function's construct id. */
  function roleActions(functionId: string): string[] {
    const roles = template.findResources('AWS::IAM::Role');
    const roleId = Object.keys(roles).find((id) => id.startsWith(`${functionId}Role`));
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId),
    );
    return policies
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .flatMap((statement) => [statement.Action].flat());
  }

  it('has one table keyed pk/sk with TTL, point-in-time recovery, deletion protection and retain', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [
          Match.objectLike({ IndexName: 'uncounted' }),
          Match.objectLike({ IndexName: 'byDay' }),
        ],
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('runs the inbound function on Node 22, ARM64, with a 10 s timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 10,
      Environment: {
        Variables: Match.objectLike({ SMISH_TABLE_NAME: Match.anyValue(), PUBLIC_WEBHOOK_URL: Match.anyValue() }),
      },
    });
  });

  it('does not make Node load source maps at cold start (they cost 60 ms and our logs hold no stacks)', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('enable-source-maps');
    }
  });

  it('routes POST /twilio/sms to the function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /twilio/sms' });
  });

  it('grants the function data access to its table only, no table administration', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const actions = Object.values(policies).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action),
    );
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions.filter((a) => /dynamodb:(Create|Delete|Update)Table|dynamodb:\*/.test(a))).toEqual([]);
  });

  it('keeps incidents DynamoDB could not take in an encrypted SQS spool; replays and counts every minute', () => {
    // The spool and its dead-letter queue, for what the replay cannot write after ten tries.
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 10 }),
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INCIDENT_SPOOL_QUEUE_URL: Match.anyValue() }) },
    });
  });

  it('serves the operator API and dashboard on GET only, each route behind the IAM authorizer', () => {
    for (const routeKey of ['GET /v1/{proxy+}', 'GET /dashboard', 'GET /dashboard/{proxy+}']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey, AuthorizationType: 'AWS_IAM' });
    }
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    // The webhook is Twilio's (signature-checked in the handler); everything else needs IAM.
    for (const route of routes.filter((r) => r.RouteKey !== 'POST /twilio/sms')) {
      expect(route.AuthorizationType).toBe('AWS_IAM');
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OPERATOR_AUTH: 'iam' }) },
    });
  });

  it('looks for spikes every 15 minutes and publishes them to an SNS topic it alone may publish to', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ALERT_TOPIC_ARN: Match.anyValue() }) },
    });
    const publishers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).some((s) =>
        [s.Action].flat().includes('sns:Publish'),
      ),
    );
    expect(publishers).toHaveLength(1);
  });

  it('gives each function only what it uses: its log group, its table actions, its secret, queue or topic', () => {
    const inbound = roleActions('Inbound');
    expect(inbound).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']),
    );
    expect(inbound.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(inbound).not.toContain('sqs:ReceiveMessage');
    expect(inbound).not.toContain('sns:Publish');
    const replay = roleActions('Replay');
    expect(replay).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'secretsmanager:GetSecretValue']),
    );
    const operator = roleActions('Operator');
    expect(operator).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    expect(operator.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(operator.filter((a) => /secretsmanager|sqs|sns/.test(a))).toEqual([]);
    const spikes = roleActions('SpikeAlerts');
    expect(spikes).toContain('sns:Publish');
    expect(spikes.filter((a) => /secretsmanager|sqs/.test(a))).toEqual([]);
    // No function uses the managed basic-execution policy (every log group), only its own log group.
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('keeps the Twilio token and the HMAC key in one Secrets Manager secret, never in the template', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'REPORTER_HMAC_KEY' }),
    });
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/"TWILIO_AUTH_TOKEN"\s*:\s*\{/);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SERVICE_SECRET_ARN: Match.anyValue() }) },
    });
    expect(template.findParameters('*', { NoEcho: true })).toEqual({});
  });

  it('caps the webhook with reserved concurrency and alarms on errors, throttles, p99, spool and suppressions', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: DEFAULTS.inboundConcurrency,
      Environment: { Variables: Match.objectLike({ PUBLIC_WEBHOOK_URL: Match.anyValue() }) },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties as { MetricName: string; AlarmActions: unknown[]; ExtendedStatistic?: string },
    );
    const metrics = alarms.map((alarm) => alarm.MetricName);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(4);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(4);
    expect(alarms.find((alarm) => alarm.MetricName === 'Duration')?.ExtendedStatistic).toBe('p99');
    expect(metrics).toEqual(expect.arrayContaining(['ApproximateNumberOfMessagesVisible', 'SuppressedReplies']));
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.outcome = "suppressed:*" }' });
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });

  it('takes its settings from CDK context and refuses a bad one', () => {
    const settings = stageSettings((key) => ({ inboundConcurrency: '50', replyCountries: 'JP' })[key]);
    expect(settings).toMatchObject({ inboundConcurrency: 50, replyCountries: 'JP', retentionDays: 90 });
    expect(() => stageSettings((key) => (key === 'retentionDays' ? 'ninety' : undefined))).toThrow(/retentionDays/);
  });
});

describe('AWS Solutions checks (cdk-nag)', () => {
  it('find nothing unacknowledged in the stack; every acknowledgement in the code carries a reason', () => {
    const { app, violations } = checkedApp((app) => {
      new SmishStack(app, 'Checked', { stage: 'prod', settings: DEFAULTS });
    });
    app.synth();
    expect(violations()).toEqual([]);
    for (const file of ['infra/smish-stack.ts', 'infra/constructs/service-function.ts']) {
      const source = readFileSync(join(__dirname, '..', '..', file), 'utf8');
      const acknowledgements = source.split('.acknowledge(').slice(1);
      for (const call of acknowledgements) expect(call).toMatch(/^\{\s*id: [^\n]+,\s*reason:\s*['"`][^\n]{30,}/);
    }
  });

  it('do report a finding when there is one (the checks are really running)', () => {
    const { app } = checkedApp((app) => {
      new Queue(new Stack(app, 'Careless'), 'PlainQueue');
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
