import { sagaWorker } from '../../consumer/saga-worker.ts';
import { demoSwitch } from './demo-switches.ts';

/** The order saga's `inventory` step: reserves the items, and releases them when a later step fails. */
export const handler = sagaWorker({
  // Derived from the execution, so a redelivered message reserves nothing new.
  action: (message) => demoSwitch(message) ?? { reservationId: `reservation-${message.executionId}` },
  compensation: (message) => demoSwitch(message) ?? { released: message.results?.inventory },
});
