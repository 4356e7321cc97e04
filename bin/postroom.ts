import { App } from 'aws-cdk-lib';
import { PostroomStack } from '../lib/postroom-stack.ts';

// Env-agnostic: one template deploys to any account and region. cdk-nag runs in test/cdk, not here.
const app = new App();
new PostroomStack(app, 'Postroom');
