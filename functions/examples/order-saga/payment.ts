import { sagaWorker } from '../../consumer/saga-worker.ts';
import { demoSwitch } from './demo-switches.ts';

/** The order saga's `payment` step: charges the customer, and refunds the charge when a later step fails. */
export const handler = sagaWorker({
  // Derived from the execution, so a redelivered message charges nothing new.
  action: (message) => demoSwitch(message) ?? { chargeId: `charge-${message.executionId}` },
  compensation: (message) => demoSwitch(message) ?? { refunded: message.results?.payment },
});
