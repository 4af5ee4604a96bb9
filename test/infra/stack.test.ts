import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SmishStack } from '../../infra/smish-stack';

describe('SmishStack', () => {
  // Synthesis bundles the function with the local esbuild: no Docker, no AWS account.
  const template = Template.fromStack(new SmishStack(new App(), 'Test', { stage: 'prod' }));

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

  it('keeps incidents DynamoDB could not take in an encrypted SQS spool, replayed on a schedule', () => {
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
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
});
