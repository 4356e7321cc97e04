import type { SagaTaskMessage } from 'postroom/consumer';

/** The checkout saga's `charge` step: a Lambda step gets the task (without taskToken) and returns its result. */
export const handler = async (task: SagaTaskMessage) => ({ chargeId: `charge-${task.executionId}`, step: task.step });
