import { Choice, Condition, Errors, Fail, type IChainable, type INextable, JitterType, JsonPath, Pass, Result, type State, Succeed, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';
import { SqsSendMessage } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SagaEndError, SagaEndState } from '../../../functions/core/sagas/saga-contract.ts';
import { SAGA_RETRY_DEFAULTS, SAGA_STEP_TIMEOUT_DEFAULT, type SagaRetry, type SagaStep } from './saga-step.ts';
import { envelopeInput, newTraceparent } from './saga-task-input.ts';

export interface SagaDefinitionOptions {
  readonly sagaName: string;
  readonly steps: readonly SagaStep[];
  readonly queueNamePrefix: string;
  /** The SQS queue of `<saga>.compensation-failed`. */
  readonly notificationQueue: IQueue;
}

/** Where a failed action's error goes, and a failed compensation's (kept apart so both stay in the output). */
const ERROR_PATH = '$.error';
const COMPENSATION_ERROR_PATH = '$.compensationError';

/**
 * The saga's states: `Start`, `Traced?` (an execution started without a W3C `traceparent` gets a
 * new trace in `New trace`, so that every message of an execution is in one trace), then each step's action; a failing action catches into the
 * compensation of the nearest completed step before it with one, and each compensation goes on to
 * the one before it, so the completed steps are undone in reverse order and the chain ends in
 * `Compensated`. One chain serves every failure point: a compensation always continues with the
 * same predecessor, and state names must be unique. A compensation that keeps failing notifies
 * `<saga>.compensation-failed` and ends in `CompensationFailed`.
 */
export function sagaDefinition(scope: Construct, options: SagaDefinitionOptions): IChainable {
  const { sagaName, queueNamePrefix } = options;
  const start = new Pass(scope, 'Start', { result: Result.fromObject({}), resultPath: '$.results' });
  const completed = new Succeed(scope, SagaEndState.completed);
  const compensated = new Fail(scope, SagaEndState.compensated, {
    error: SagaEndError.compensated,
    cause: 'a step failed; the steps completed before it were compensated',
  });
  const compensationFailed = new Fail(scope, SagaEndState.compensationFailed, {
    error: SagaEndError.compensationFailed,
    cause: `a compensation kept failing; the execution's input, results and errors are in <saga>.compensation-failed and the execution history`,
  });

  const traced = new Choice(scope, 'Traced?');
  start.next(traced);
  const newTrace = new Pass(scope, 'New trace', { parameters: { 'input.$': '$.input', 'results.$': '$.results', traceparent: newTraceparent() } });

  let rollback: State = compensated;
  let last: INextable | undefined;
  for (const step of options.steps) {
    const timeout = step.timeout ?? SAGA_STEP_TIMEOUT_DEFAULT;
    const action = step.action.task(scope, { sagaName, step: step.name, phase: 'action', queueNamePrefix, resultPath: `$.results.${step.name}`, timeout });
    withRetry(action, step.retry).addCatch(rollback, { errors: [Errors.ALL], resultPath: ERROR_PATH });
    if (last) last.next(action);
    else traced.when(Condition.isNotPresent('$.traceparent'), newTrace.next(action)).otherwise(action);
    last = action;

    if (step.compensation) {
      const compensation = step.compensation.task(scope, { sagaName, step: step.name, phase: 'compensation', queueNamePrefix, resultPath: JsonPath.DISCARD, timeout });
      const notify = notifyCompensationFailed(scope, step.name, options).next(compensationFailed);
      withRetry(compensation, step.compensationRetry ?? step.retry).addCatch(notify, { errors: [Errors.ALL], resultPath: COMPENSATION_ERROR_PATH });
      compensation.next(rollback);
      rollback = compensation;
    }
  }
  // Saga validation requires at least one step.
  last!.next(completed);
  return start;
}

/** Retries task failures (not timeouts: see SagaRetry) per the policy. */
function withRetry(task: TaskStateBase, retry: SagaRetry = {}): TaskStateBase {
  const { maxAttempts, interval, backoffRate, jitter } = { ...SAGA_RETRY_DEFAULTS, ...retry };
  if (maxAttempts === 0) return task;
  return task.addRetry({
    errors: [Errors.TASKS_FAILED],
    maxAttempts,
    interval,
    backoffRate,
    ...(jitter && { jitterStrategy: JitterType.FULL }),
  });
}

/** Sends what is needed to finish step `step`'s compensation by hand to `<saga>.compensation-failed`. */
function notifyCompensationFailed(scope: Construct, step: string, options: SagaDefinitionOptions): SqsSendMessage {
  return new SqsSendMessage(scope, `Notify ${step} compensation failed`, {
    queue: options.notificationQueue,
    messageBody: envelopeInput({
      saga: options.sagaName,
      executionId: JsonPath.executionName,
      step,
      error: JsonPath.stringAt(`${COMPENSATION_ERROR_PATH}.Error`),
      cause: JsonPath.stringAt(`${COMPENSATION_ERROR_PATH}.Cause`),
      input: JsonPath.stringAt('$.input'),
      results: JsonPath.stringAt('$.results'),
    }),
    resultPath: JsonPath.DISCARD,
  });
}
