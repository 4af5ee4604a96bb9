import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ServiceFunctionProps {
  /** Path of the Lambda entry module (functions/*.ts). */
  readonly entry: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Shell commands run after esbuild, to put more files beside the bundle (the dashboard's browser script). */
  readonly afterBundling?: (outputDir: string) => string[];
}

/**
 * A NodejsFunction with the house defaults: Node 22 on ARM64, bundled and minified by the local esbuild
 * (no Docker), source maps on, and a log group with a retention.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const functionProps: NodejsFunctionProps = {
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // Twilio waits 15 s; answering well inside that keeps its retry and fallback out of play.
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.CJS,
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
  }

  /** Points the function at the incident table and grants exactly the access it needs. */
  bindIncidentTable(table: ITable, access: 'RW' | 'RO'): void {
    this.fn.addEnvironment('SMISH_TABLE_NAME', table.tableName);
    if (access === 'RW') table.grantReadWriteData(this.fn);
    else table.grantReadData(this.fn);
  }
}
