import { JsonPath, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { ENVELOPE_VERSION } from '../../../functions/core/envelope.ts';
import type { SagaPhase } from '../../../functions/core/sagas/saga-contract.ts';

/**
 * The SagaTaskMessage (saga-contract.ts) of one step's phase, as fields the state fills in from
 * the execution: its name, the saga's input and the results so far, and the task token for workers
 * that answer later.
 */
export function sagaTaskFields(saga: string, step: string, phase: SagaPhase, options: { readonly withTaskToken: boolean }): Record<string, unknown> {
  return {
    ...(options.withTaskToken && { taskToken: JsonPath.taskToken }),
    saga,
    executionId: JsonPath.executionName,
    step,
    phase,
    input: JsonPath.stringAt('$.input'),
    results: JsonPath.stringAt('$.results'),
  };
}

/**
 * A Postroom envelope (envelope.ts) around `body`, so that `POST /v1/queues/{name}/receive` and the
 * consumer helpers read what the state machine sends like any published message.
 */
export function envelopeInput(body: Record<string, unknown>): TaskInput {
  return TaskInput.fromObject({
    v: ENVELOPE_VERSION,
    id: JsonPath.uuid(),
    publishedAt: JsonPath.stringAt('$$.State.EnteredTime'),
    headers: {},
    body,
  });
}
