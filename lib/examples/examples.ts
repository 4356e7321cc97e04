import type { PostroomStack } from '../postroom-stack.ts';
import { BankAccount } from './bank-account.ts';
import { OrderSaga } from './order-saga.ts';
import { TripSaga } from './trip-saga.ts';

/** CDK context key: `false` leaves the examples (sagas, bank account, and their queues and functions) out of the app. */
export const EXAMPLES_CONTEXT_KEY = 'postroom:examples';

/**
 * The example sagas of README's "Sagas": `order` (Lambda workers) and `trip` (HTTP workers), and
 * README's "Example: a bank account" (an event-sourced aggregate, its projection and notifications),
 * unless the context says `postroom:examples=false` (`cdk deploy -c`, or cdk.json for `npm start`).
 */
export function addExamples(stack: PostroomStack): void {
  const setting: unknown = stack.node.tryGetContext(EXAMPLES_CONTEXT_KEY) ?? true;
  if (![true, false, 'true', 'false'].includes(setting as never)) {
    throw new Error(`context ${EXAMPLES_CONTEXT_KEY} must be true or false; got ${JSON.stringify(setting)}`);
  }
  if (setting === false || setting === 'false') return;
  new OrderSaga(stack, 'OrderSaga');
  new TripSaga(stack, 'TripSaga');
  new BankAccount(stack, 'BankAccount');
}
