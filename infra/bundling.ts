import { join } from 'node:path';

/**
 * How every function is bundled, shared by the stack (NodejsFunction) and `npm run bench:coldstart`, so the bench
 * measures what is deployed.
 */
export const LAMBDA_BUNDLE = {
  minify: true,
  target: 'node22',
  /** The catalog is half Japanese: UTF-8 keeps it 3 bytes a character, not 6 as escapes. */
  charset: 'utf8',
  /**
   * The ES module builds of the AWS SDK tree-shake far better than its CommonJS ones: 218 KB less in the webhook's
   * bundle and about 45 ms less to load it (measured with bench:coldstart's probe).
   */
  mainFields: ['module', 'main'],
  /**
   * Packages swapped for a Lambda-only stand-in (absolute paths: esbuild resolves an alias from its working folder).
   * The SDK's default credential chain becomes the environment-variable provider alone, the one Lambda answers: see
   * lib/adapters/lambda-credentials.ts.
   */
  alias: {
    '@aws-sdk/credential-provider-node': join(__dirname, '..', 'lib', 'adapters', 'lambda-credentials.ts'),
  },
} as const;

/** LAMBDA_BUNDLE's aliases as esbuild command-line flags, for NodejsFunction's esbuildArgs. */
export const lambdaAliasArgs = (): string[] =>
  Object.entries(LAMBDA_BUNDLE.alias).map(([name, replacement]) => `${name}=${replacement}`);
