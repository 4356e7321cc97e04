import type { SagaDocument } from '../../../core/sagas/saga-contract.ts';
import { sagaStatus } from '../../../core/sagas/saga-status.ts';
import { sagaTimeline } from '../../../core/sagas/saga-timeline.ts';
import { executionIdSchema, parseSagaName } from '../../../core/schemas/saga-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { loadSagaServices } from '../../saga-services-loader.ts';
import { executionSummary } from './saga-execution-view.ts';

/**
 * `GET /v1/sagas/{name}/executions/{executionId}`: status, input, output or error, and the steps'
 * timeline derived from the execution history (see saga-timeline.ts).
 */
export const describeSagaExecution: OperationHandler = async (request) => {
  const saga = parseSagaName(request.pathParameters.name);
  const executionId = parseRequest(executionIdSchema, request.pathParameters.executionId, 'executionId in the path');
  const { executions } = await loadSagaServices();
  const [execution, events] = await Promise.all([executions.describe(saga, executionId), executions.history(saga, executionId)]);
  const document = JSON.parse(execution.input ?? '{}') as Partial<SagaDocument>;
  return {
    status: 200,
    body: {
      ...executionSummary(execution, sagaStatus(execution.status ?? 'RUNNING', execution.error)),
      saga,
      input: document.input ?? null,
      ...(execution.output !== undefined && { output: JSON.parse(execution.output) as unknown }),
      ...(execution.error !== undefined && { error: execution.error }),
      ...(execution.cause !== undefined && { cause: execution.cause }),
      steps: sagaTimeline(events),
    },
  };
};
