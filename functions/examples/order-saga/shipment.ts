import { sagaWorker } from '../../consumer/saga-worker.ts';
import { demoSwitch } from './demo-switches.ts';

/** The order saga's `shipment` step, its last: nothing after it can fail, so it has no compensation. */
export const handler = sagaWorker({
  action: (message) => demoSwitch(message) ?? { shipmentId: `shipment-${message.executionId}` },
});
