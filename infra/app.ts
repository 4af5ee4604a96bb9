import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SmishStack } from './smish-stack';
import { stageSettings } from './stage-settings';

const app = new App();
// `-c stage=prod` picks the stage; each stage is its own stack, so dev and prod never share a table.
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
new SmishStack(app, `SmishResponder-${stage}`, {
  stage,
  settings: stageSettings((key) => app.node.tryGetContext(key)),
});
// The AWS Solutions checks run on every synth; each accepted finding is suppressed in the stack with its reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
