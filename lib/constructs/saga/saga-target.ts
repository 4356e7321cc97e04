import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IntegrationPattern, type TaskStateBase, TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, SqsSendMessage } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct, IDependable } from 'constructs';
import { type SagaPhase, sagaTaskStateName } from '../../../functions/core/sagas/saga-contract.ts';
import type { IPostroomQueue } from '../topology/postroom-queue.ts';
import { postroomSqsQueue } from './postroom-sqs-queue.ts';
import { envelopeInput, sagaTaskFields } from './saga-task-input.ts';

/** What a saga's Task state needs to know to call a target. */
export interface SagaTaskOptions {
  readonly sagaName: string;
  readonly step: string;
  readonly phase: SagaPhase;
  readonly queueNamePrefix: string;
  /** Where the output goes: `$.results.<step>` for an action, nowhere for a compensation. */
  readonly resultPath: string;
  readonly timeout: Duration;
}

/** What runs a step's action or compensation: a Postroom queue's worker, or a Lambda function. */
export abstract class SagaTarget {
  /**
   * A worker consuming a standard Postroom queue: the state machine sends the step's
   * SagaTaskMessage in an envelope with a task token and waits for SendTaskSuccess or
   * SendTaskFailure (a Lambda using `sagaWorker`, or an HTTP worker with `POST /v1/tasks/...`).
   */
  static queue(queue: IPostroomQueue): SagaTarget {
    return new QueueTarget(queue);
  }

  /** A Lambda function invoked synchronously with the SagaTaskMessage (no token); its return value is the output. */
  static lambda(lambdaFunction: IFunction): SagaTarget {
    return new LambdaTarget(lambdaFunction);
  }

  /** What must exist before an execution can reach the target. */
  abstract readonly dependencies: readonly IDependable[];

  /** The Task state `"<step> <phase>"` that calls the target. */
  abstract task(scope: Construct, options: SagaTaskOptions): TaskStateBase;

  /** Acknowledges the cdk-nag findings of what the task granted `role`, saying why each is needed. */
  abstract acknowledgeGrants(role: IRole): void;
}

class QueueTarget extends SagaTarget {
  readonly dependencies: readonly IDependable[];
  readonly #queue: IPostroomQueue;

  constructor(queue: IPostroomQueue) {
    super();
    this.#queue = queue;
    this.dependencies = [queue];
  }

  task(scope: Construct, options: SagaTaskOptions): TaskStateBase {
    const stateName = sagaTaskStateName(options.step, options.phase);
    return new SqsSendMessage(scope, stateName, {
      queue: postroomSqsQueue(scope, `${stateName} queue`, options.queueNamePrefix, this.#queue.queueName),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      messageBody: envelopeInput(sagaTaskFields(options.sagaName, options.step, options.phase, { withTaskToken: true })),
      resultPath: options.resultPath,
      taskTimeout: Timeout.duration(options.timeout),
    });
  }

  acknowledgeGrants(): void {
    // sqs:SendMessage on exactly the queue: nothing to acknowledge.
  }
}

class LambdaTarget extends SagaTarget {
  readonly dependencies: readonly IDependable[] = [];
  readonly #lambdaFunction: IFunction;

  constructor(lambdaFunction: IFunction) {
    super();
    this.#lambdaFunction = lambdaFunction;
  }

  task(scope: Construct, options: SagaTaskOptions): TaskStateBase {
    return new LambdaInvoke(scope, sagaTaskStateName(options.step, options.phase), {
      lambdaFunction: this.#lambdaFunction,
      payload: TaskInput.fromObject(sagaTaskFields(options.sagaName, options.step, options.phase, { withTaskToken: false })),
      payloadResponseOnly: true,
      resultPath: options.resultPath,
      taskTimeout: Timeout.duration(options.timeout),
    });
  }

  acknowledgeGrants(role: IRole): void {
    const stack = Stack.of(role);
    const arn = stack.resolve(this.#lambdaFunction.functionArn) as string | { 'Fn::GetAtt'?: [string, string] };
    const resource = typeof arn === 'string' ? arn : `<${arn['Fn::GetAtt']?.join('.')}>`;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${resource}:*]`,
      reason: "Step Functions' Lambda integration grants the function's versions and aliases too (<arn>:*)",
    });
  }
}
