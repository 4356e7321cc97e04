import type { SagaDocument } from '../../../core/sagas/saga-contract.ts';
import { encodeStepFunctionsPayload } from '../../../core/sagas/step-functions-payload.ts';
import { parseSagaName, startExecutionRequestSchema } from '../../../core/schemas/saga-requests.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { loadSagaServices } from '../../saga-services-loader.ts';

/**
 * `POST /v1/sagas/{name}/executions`: starts the saga's state machine with `{input}`, named by the
 * executionId, in the request's trace (its traceparent goes into the document). Starting the same
 * executionId with the same input again answers the same 202, whatever its trace; with another
 * input, 409 `execution_exists`.
 */
export const startSagaExecution: OperationHandler = async (request, { metrics }) => {
  const saga = parseSagaName(request.pathParameters.name);
  const { input, executionId } = parseRequest(startExecutionRequestSchema, request.body, 'request body');
  const document = encodeStepFunctionsPayload('execution input', { input, ...(request.traceparent && { traceparent: request.traceparent }) } satisfies SagaDocument);
  const { executions } = await loadSagaServices();
  if (await executions.start(saga, executionId, document)) metrics.count(Metrics.sagaStarted, { kind: 'saga', name: saga });
  return { status: 202, body: { executionId } };
};
