import { JsonPath, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { ENVELOPE_VERSION } from '../../../functions/core/envelope.ts';
import type { SagaPhase } from '../../../functions/core/sagas/saga-contract.ts';

/** Eight random hex digits: the first group of a fresh UUID (Step Functions has no substring function). */
const randomHex8 = () => JsonPath.arrayGetItem(JsonPath.stringSplit(JsonPath.uuid(), '-'), 0);

/** Field `index` (0 version, 1 trace id, 2 parent id, 3 flags) of the execution's W3C traceparent. */
const traceparentField = (index: number) => JsonPath.arrayGetItem(JsonPath.stringSplit(JsonPath.stringAt('$.traceparent'), '-'), index);

/**
 * A W3C traceparent in the execution's trace (`$.traceparent`, which the saga's `Traced?` state
 * makes sure of) with a new parent id: what each task and notification the saga sends carries.
 */
export const childTraceparent = (): string => JsonPath.format('00-{}-{}{}-{}', traceparentField(1), randomHex8(), randomHex8(), traceparentField(3));

/** A new W3C traceparent (sampled), for an execution started without one. */
export const newTraceparent = (): string =>
  JsonPath.format('00-{}{}{}{}-{}{}-01', randomHex8(), randomHex8(), randomHex8(), randomHex8(), randomHex8(), randomHex8());

/**
 * The SagaTaskMessage (saga-contract.ts) of one step's phase, as fields the state fills in from
 * the execution: its name, the saga's input and the results so far, and the task token for workers
 * that answer later. A Lambda step's event also carries the trace (`traceparent`); a queue step's
 * message carries it in its envelope's headers (envelopeInput), as any traced message does.
 */
export function sagaTaskFields(saga: string, step: string, phase: SagaPhase, options: { readonly withTaskToken: boolean }): Record<string, unknown> {
  return {
    ...(options.withTaskToken ? { taskToken: JsonPath.taskToken } : { traceparent: childTraceparent() }),
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
 * consumer helpers read what the state machine sends like any published message, in the
 * execution's trace.
 */
export function envelopeInput(body: Record<string, unknown>): TaskInput {
  return TaskInput.fromObject({
    v: ENVELOPE_VERSION,
    id: JsonPath.uuid(),
    publishedAt: JsonPath.stringAt('$$.State.EnteredTime'),
    headers: { traceparent: childTraceparent() },
    body,
  });
}
