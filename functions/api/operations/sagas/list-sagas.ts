import type { OperationHandler } from '../../http.ts';
import { loadSagaServices } from '../../saga-services-loader.ts';

/**
 * `GET /v1/sagas`: the sagas deployed with the stack, in name order, each with its state machine's
 * creation time. One ListStateMachines call per 1,000 state machines in the region (Step Functions
 * cannot list by name prefix), so the answer is not paginated: a stack has few sagas.
 */
export const listSagas: OperationHandler = async () => {
  const { catalog } = await loadSagaServices();
  return { status: 200, body: { sagas: await catalog.list() } };
};
