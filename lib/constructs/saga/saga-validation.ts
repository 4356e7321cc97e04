import { type Duration, Token } from 'aws-cdk-lib';
import { SAGA_NAME_PATTERN, STEP_NAME_PATTERN } from '../../../functions/core/sagas/saga-contract.ts';
import type { SagaRetry, SagaStep } from './saga-step.ts';

/** A step name also keys `$.results.<name>`, and JSONPath's dot notation needs a leading letter. */
const RESULT_KEY_PATTERN = /^[A-Za-z]/;
/** Step Functions' bound on Retry's MaxAttempts. */
const MAX_RETRY_ATTEMPTS = 99_999_999;

/** Throws, naming the bad value, unless the saga can be built; values that are tokens pass unchecked. */
export function validateSaga(sagaName: string, steps: readonly SagaStep[]): void {
  if (!Token.isUnresolved(sagaName) && !SAGA_NAME_PATTERN.test(sagaName)) {
    throw new Error(`invalid saga name: use 1 to 40 letters, digits, '_' or '-'; got ${JSON.stringify(sagaName)}`);
  }
  if (steps.length === 0) throw new Error(`saga "${sagaName}" has no steps: give it at least one`);
  const seen = new Set<string>();
  for (const step of steps) {
    if (!STEP_NAME_PATTERN.test(step.name) || !RESULT_KEY_PATTERN.test(step.name)) {
      throw new Error(`invalid step name in saga "${sagaName}": use 1 to 40 letters, digits, '_' or '-', starting with a letter; got ${JSON.stringify(step.name)}`);
    }
    if (seen.has(step.name)) throw new Error(`saga "${sagaName}" has two steps named "${step.name}": step names must be unique`);
    seen.add(step.name);
    validateRetry(step.retry, `retry of step "${step.name}"`);
    validateRetry(step.compensationRetry, `compensationRetry of step "${step.name}"`);
    if (step.compensationRetry && !step.compensation) {
      throw new Error(`step "${step.name}" has a compensationRetry but no compensation`);
    }
    validateSeconds(step.timeout, `timeout of step "${step.name}"`);
  }
}

function validateRetry(retry: SagaRetry | undefined, what: string): void {
  if (!retry) return;
  const { maxAttempts, interval, backoffRate } = retry;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 0 || maxAttempts > MAX_RETRY_ATTEMPTS)) {
    throw new Error(`${what}: maxAttempts must be an integer from 0 to ${MAX_RETRY_ATTEMPTS}; got ${maxAttempts}`);
  }
  validateSeconds(interval, `${what}: interval`);
  if (backoffRate !== undefined && !(backoffRate >= 1)) {
    throw new Error(`${what}: backoffRate must be at least 1; got ${backoffRate}`);
  }
}

/** Step Functions counts timeouts and retry intervals in whole seconds. */
function validateSeconds(duration: Duration | undefined, what: string): void {
  if (!duration || duration.isUnresolved()) return;
  const millis = duration.toMilliseconds();
  if (millis < 1000 || millis % 1000 !== 0) throw new Error(`${what} must be whole seconds, at least 1; got ${duration.toHumanString()}`);
}
