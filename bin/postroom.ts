import { App } from 'aws-cdk-lib';
import { OrderSaga } from '../lib/examples/order-saga.ts';
import { PostroomStack } from '../lib/postroom-stack.ts';

// Env-agnostic: one template deploys to any account and region. cdk-nag runs in test/cdk, not here.
const app = new App();
const stack = new PostroomStack(app, 'Postroom');
// The example saga `order` (README, "Sagas"), deployed with the broker and run by `npm start`.
new OrderSaga(stack, 'OrderSaga');
