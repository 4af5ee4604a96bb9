/**
 * Stands in for `@aws-sdk/credential-provider-node` inside the Lambda bundles only (infra/bundling.ts aliases that
 * package to this file), under the export name the SDK clients' runtime config imports. Lambda hands a function its
 * execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN: the default chain's
 * first link, the one that answers there. The rest of the chain (SSO, web identity, ini and process profiles,
 * container and instance metadata, login) and the STS/SSO clients it builds on weighed ~95 KB of the webhook's bundle
 * and can never answer in Lambda. Local runs and tests are not bundled: they keep the whole chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
