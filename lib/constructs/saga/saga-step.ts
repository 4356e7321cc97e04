import { Duration } from 'aws-cdk-lib';
import type { SagaTarget } from './saga-target.ts';

/**
 * How a failing action or compensation is tried again. Failures are retried (Step Functions'
 * `States.TaskFailed`); a timeout is not: a worker that did not answer in time is not asked again,
 * the saga compensates at once.
 */
export interface SagaRetry {
  /**
   * Retries after the first attempt (Step Functions' `MaxAttempts`); 0 never retries.
   *
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Wait before the first retry: whole seconds, at least 1.
   *
   * @default Duration.seconds(1)
   */
  readonly interval?: Duration;
  /**
   * Factor each further wait is multiplied by: at least 1.
   *
   * @default 2
   */
  readonly backoffRate?: number;
  /**
   * Randomize each wait between 0 and its computed value (Step Functions' `JitterStrategy: FULL`),
   * so that many executions failing together do not retry in lockstep.
   *
   * @default true
   */
  readonly jitter?: boolean;
}

/** One step of a saga: an action and, optionally, the compensation that undoes it. */
export interface SagaStep {
  /**
   * The step's name: 1 to 40 letters, digits, '_' or '-', starting with a letter. Its states are
   * `"<name> action"` and `"<name> compensation"`; the action's output is kept at `results.<name>`.
   */
  readonly name: string;
  /** What does the step's work. */
  readonly action: SagaTarget;
  /**
   * What undoes the action when a later step fails. It runs only after the action completed: a
   * step whose own action fails (or times out) is not compensated.
   *
   * @default - nothing to undo: the step is skipped when compensating
   */
  readonly compensation?: SagaTarget;
  /**
   * How a failing action is retried before the saga compensates.
   *
   * @default - 3 retries, 1 s apart at first, doubling, with full jitter
   */
  readonly retry?: SagaRetry;
  /**
   * How a failing compensation is retried before the saga ends `COMPENSATION_FAILED`.
   *
   * @default - the step's `retry`
   */
  readonly compensationRetry?: SagaRetry;
  /**
   * How long the action, and the compensation, may take per attempt; a queue worker that never
   * answers fails the attempt with `States.Timeout` after it.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
}

export const SAGA_RETRY_DEFAULTS = { maxAttempts: 3, interval: Duration.seconds(1), backoffRate: 2, jitter: true } as const;
export const SAGA_STEP_TIMEOUT_DEFAULT = Duration.minutes(5);
