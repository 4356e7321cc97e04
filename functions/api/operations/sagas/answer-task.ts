import { encodeStepFunctionsPayload } from '../../../core/sagas/step-functions-payload.ts';
import { taskFailureRequestSchema, taskSuccessRequestSchema } from '../../../core/schemas/saga-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { loadSagaServices } from '../../saga-services-loader.ts';

// HTTP workers answer the task of a saga step's message (its body's taskToken) here; Lambda
// workers call Step Functions themselves (functions/consumer/saga-worker.ts).

/** `POST /v1/tasks/success`: the step's output, kept at `results.<step>` for later steps. */
export const sendTaskSuccess: OperationHandler = async (request) => {
  const { taskToken, output } = parseRequest(taskSuccessRequestSchema, request.body, 'request body');
  const json = encodeStepFunctionsPayload('task output', output);
  const { tasks } = await loadSagaServices();
  await tasks.succeed(taskToken, json);
  return { status: 204 };
};

/** `POST /v1/tasks/failure`: the step's Retry and then Catch (compensation) match on `error`. */
export const sendTaskFailure: OperationHandler = async (request) => {
  const { taskToken, error, cause } = parseRequest(taskFailureRequestSchema, request.body, 'request body');
  const { tasks } = await loadSagaServices();
  await tasks.fail(taskToken, error, cause);
  return { status: 204 };
};
