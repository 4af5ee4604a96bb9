import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLE, lambdaAliasArgs } from '../bundling';

/** The table's logical id as the synthesized template names it (cdk-nag's findings quote it). */
function tableLogicalId(table: ITable): string {
  const resource = table.node.defaultChild;
  return resource instanceof CfnElement ? Stack.of(table).resolve(resource.logicalId) : '';
}

export interface ServiceFunctionProps {
  /** Path of the Lambda entry module (functions/*.ts). */
  readonly entry: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Shell commands run after esbuild, to put more files beside the bundle (the dashboard's browser script). */
  readonly afterBundling?: (outputDir: string) => string[];
  /** Reserved concurrency: a cap on scale (and cost), and a guarantee against other functions' bursts. */
  readonly reservedConcurrency?: number;
}

/**
 * A NodejsFunction with the house defaults: Node 22 on ARM64, bundled and minified by the local esbuild
 * (no Docker), source maps on, and a log group with a retention.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.logGroup = logGroup;
    // Its own role: write to its own log group only (not the managed basic-execution policy's every log group).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const functionProps: NodejsFunctionProps = {
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // Twilio waits 15 s; answering well inside that keeps its retry and fallback out of play.
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // No --enable-source-maps: it makes Node read the 4.5 MB map at every cold start (+60 ms measured), and our logs
      // carry error names and messages, never stacks. The maps ship beside the code for decoding by hand.
      environment: { ...props.environment },
      bundling: {
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: true,
        target: LAMBDA_BUNDLE.target,
        format: OutputFormat.CJS,
        // NodejsFunction's own `charset` option never reaches esbuild in this CDK version: pass the flag itself.
        esbuildArgs: { '--charset': LAMBDA_BUNDLE.charset, '--alias': lambdaAliasArgs() },
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        forceDockerBundling: false,
        // The runtime's SDK version is not ours to pin: bundle the one the lockfile names.
        bundleAwsSDK: true,
        commandHooks: props.afterBundling
          ? {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling?.(outputDir) ?? [],
            }
          : undefined,
      },
    };
    this.fn = new NodejsFunction(this, 'Function', functionProps);
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The project pins nodejs22.x (design card: Node 20 is end-of-life, 22 is the supported LTS we test on).',
    });
  }

  /** Points the function at the incident table and grants exactly the access it needs. */
  bindIncidentTable(table: ITable, access: 'RW' | 'RO' | 'WEBHOOK'): void {
    this.fn.addEnvironment('SMISH_TABLE_NAME', table.tableName);
    // The webhook records an incident (conditional put), updates the reporter's and budget items and reads the
    // reporter's last report for MORE: nothing else, not even a query (counting is the replay function's).
    if (access === 'WEBHOOK') table.grant(this.fn, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem');
    else if (access === 'RW') table.grantReadWriteData(this.fn);
    else table.grantReadData(this.fn);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId(table)}.Arn>/index/*]`,
      reason: "Queries the table's own two indexes (uncounted, byDay); the wildcard covers this table's indexes only.",
    });
  }
}
