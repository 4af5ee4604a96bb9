import { App } from 'aws-cdk-lib';
import { SmishStack } from './smish-stack';

const app = new App();
// `-c stage=prod` picks the stage; each stage is its own stack, so dev and prod never share a table.
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
new SmishStack(app, `SmishResponder-${stage}`, { stage });
app.synth();
