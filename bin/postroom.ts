import { App } from 'aws-cdk-lib';
import { addExampleSagas } from '../lib/examples/example-sagas.ts';
import { PostroomStack } from '../lib/postroom-stack.ts';

// Env-agnostic: one template deploys to any account and region. cdk-nag runs in test/cdk, not here.
const app = new App();
const stack = new PostroomStack(app, 'Postroom');
// The example sagas `order` and `trip` (README, "Sagas"), deployed with the broker and run by
// `npm start`; `-c postroom:examples=false` leaves them out.
addExampleSagas(stack);
