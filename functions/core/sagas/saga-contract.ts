/**
 * The names a saga's state machine and Postroom's saga API agree on: the CDK `Saga` construct
 * writes a state machine with these state names, terminal states and errors, and the API derives
 * an execution's status and timeline from them. Pure data, no AWS imports.
 */

/** Saga and step names: what the API's paths and the state names can carry. */
export const SAGA_NAME_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const STEP_NAME_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** The state machine of saga `saga` in a stack whose queue-name prefix is `prefix` (≤ 20 + 5 + 40 ≤ 80 characters). */
export const sagaStateMachineName = (prefix: string, saga: string): string => `${prefix}saga-${saga}`;

export type SagaPhase = 'action' | 'compensation';

/** The Task state that runs a step's action or compensation. */
export const sagaTaskStateName = (step: string, phase: SagaPhase): string => `${step} ${phase}`;

/** Parses a Task state's name back into step and phase; undefined for the saga's other states. */
export function parseSagaTaskStateName(stateName: string): { step: string; phase: SagaPhase } | undefined {
  const match = /^(.+) (action|compensation)$/.exec(stateName);
  return match ? { step: match[1]!, phase: match[2] as SagaPhase } : undefined;
}

/** Where an execution ends, as a Succeed or Fail state of that name. */
export const SagaEndState = {
  completed: 'Completed',
  compensated: 'Compensated',
  compensationFailed: 'CompensationFailed',
} as const;

/** The `Error` of the Fail states, which tells the two failed endings apart in DescribeExecution. */
export const SagaEndError = {
  compensated: 'Saga.Compensated',
  compensationFailed: 'Saga.CompensationFailed',
} as const;

/** Statuses the API reports. */
export type SagaStatus =
  | 'RUNNING'
  | 'COMPLETED'
  | 'COMPENSATED'
  | 'COMPENSATION_FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  // Ended in an error none of the saga's states handled (e.g. States.Runtime): not expected from a
  // state machine the Saga construct built, but an execution can still end so.
  | 'FAILED';

/**
 * The state machine's input document: the API starts an execution with `{input}`; each action's
 * output is kept at `results.<step>` for later steps and compensations.
 */
export interface SagaDocument {
  readonly input: unknown;
  /**
   * The W3C traceparent the execution was started in (the start request's); an execution started
   * without one gets a new trace. Each task and notification carries its trace id with a new parent id.
   */
  readonly traceparent?: string;
  readonly results?: Readonly<Record<string, unknown>>;
}

/**
 * The body (inside Postroom's envelope, see envelope.ts) of the message a queue step's worker
 * receives. The worker answers with SendTaskSuccess / SendTaskFailure (or POST /v1/tasks/success |
 * failure) using `taskToken`; a Lambda step gets the same object without `taskToken` as its event.
 */
export interface SagaTaskMessage extends SagaDocument {
  /** A queue step's task carries its traceparent in the envelope's headers, a Lambda step's here. */
  readonly taskToken?: string;
  readonly saga: string;
  readonly executionId: string;
  readonly step: string;
  readonly phase: SagaPhase;
}
