import { App } from 'aws-cdk-lib';
import { addExamples } from '../lib/examples/examples.ts';
import { PostroomDashboard } from '../lib/constructs/monitoring/postroom-dashboard.ts';
import { PostroomStack } from '../lib/postroom-stack.ts';

// Env-agnostic: one template deploys to any account and region. cdk-nag runs in test/cdk, not here.
const app = new App();
// The default alarms tell the SNS topic `-c postroom:alarmTopicArn=<arn>` names, if any.
const alarmTopicArn: unknown = app.node.tryGetContext('postroom:alarmTopicArn');
const stack = new PostroomStack(app, 'Postroom', { alarmTopicArn: typeof alarmTopicArn === 'string' ? alarmTopicArn : undefined });
// The examples (README: the sagas `order` and `trip`, "Example: a bank account"), deployed with the broker and run by
// `npm start`; `-c postroom:examples=false` leaves them out.
addExamples(stack);
// Laid out at synthesis, so it shows the examples and their queues too.
new PostroomDashboard(stack, 'Dashboard', { broker: stack.broker });
