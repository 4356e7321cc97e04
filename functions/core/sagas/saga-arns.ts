import { SAGA_NAME_PATTERN, sagaStateMachineName } from './saga-contract.ts';

/**
 * ARNs of a stack's saga state machines and their executions. `stateMachineArnPrefix` is
 * `arn:<partition>:states:<region>:<account>:stateMachine:`; an execution's ARN names the state
 * machine the same way under `execution:`.
 */
export class SagaArns {
  readonly #stateMachineArnPrefix: string;
  readonly #executionArnPrefix: string;
  readonly #queueNamePrefix: string;

  constructor(stateMachineArnPrefix: string, queueNamePrefix: string) {
    if (!stateMachineArnPrefix.endsWith(':stateMachine:')) {
      throw new Error(`saga state machine ARN prefix ${JSON.stringify(stateMachineArnPrefix)} must end in ":stateMachine:"`);
    }
    this.#stateMachineArnPrefix = stateMachineArnPrefix;
    this.#executionArnPrefix = stateMachineArnPrefix.replace(/:stateMachine:$/, ':execution:');
    this.#queueNamePrefix = queueNamePrefix;
  }

  stateMachine(saga: string): string {
    return `${this.#stateMachineArnPrefix}${sagaStateMachineName(this.#queueNamePrefix, saga)}`;
  }

  /** The saga whose state machine `stateMachineArn` is; undefined for another state machine (another stack's, or not a saga). */
  sagaOf(stateMachineArn: string): string | undefined {
    const prefix = this.stateMachine('');
    if (!stateMachineArn.startsWith(prefix)) return undefined;
    const saga = stateMachineArn.slice(prefix.length);
    return SAGA_NAME_PATTERN.test(saga) ? saga : undefined;
  }

  execution(saga: string, executionId: string): string {
    return `${this.#executionArnPrefix}${sagaStateMachineName(this.#queueNamePrefix, saga)}:${executionId}`;
  }
}
