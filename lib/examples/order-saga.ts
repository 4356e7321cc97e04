import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { postroomFunction } from '../constructs/postroom-function.ts';
import { postroomSqsQueue } from '../constructs/saga/postroom-sqs-queue.ts';
import { Saga } from '../constructs/saga/saga.ts';
import { SagaTarget } from '../constructs/saga/saga-target.ts';
import { PostroomQueue } from '../constructs/topology/postroom-queue.ts';
import type { PostroomStack } from '../postroom-stack.ts';

/** The saga's steps, in order; each has a Postroom queue `order.<step>` and a worker of that name. */
const STEPS = ['inventory', 'payment', 'shipment'] as const;
type OrderStep = (typeof STEPS)[number];
/** Steps whose work can be undone; the last step has nothing after it that could fail. */
const COMPENSATED: ReadonlySet<OrderStep> = new Set(['inventory', 'payment']);

/** Short, so that the demo (and its tests) reach every ending within seconds, a silent worker's too. */
const STEP_TIMEOUT = Duration.seconds(10);
const RETRY = { maxAttempts: 2, interval: Duration.seconds(1), backoffRate: 1, jitter: true } as const;
const WORKER_TIMEOUT = Duration.seconds(5);
/** AWS advises a queue's visibility timeout of 6× its consumer's timeout. */
const VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);

/**
 * The example saga `order`: reserve inventory → charge payment → create shipment; a failure
 * releases the inventory and refunds the payment, in reverse order. Each step's worker is a Lambda
 * function consuming Postroom queue `order.<step>` with `sagaWorker` (functions/examples/order-saga).
 * The saga's input fails steps on request: `failAt: "<step>"` fails that action,
 * `failCompensation: "<step>"` that compensation, `ignoreAt: "<step>"` leaves that action unanswered
 * until it times out.
 */
export class OrderSaga extends Construct {
  readonly saga: Saga;

  constructor(stack: PostroomStack, id: string) {
    super(stack, id);
    const targets = STEPS.map((step) => this.#stepWorker(stack, step));
    this.saga = new Saga(this, 'Saga', {
      broker: stack,
      sagaName: 'order',
      steps: STEPS.map((name, index) => {
        const target = targets[index]!.target;
        return { name, action: target, ...(COMPENSATED.has(name) && { compensation: target }), retry: RETRY, timeout: STEP_TIMEOUT };
      }),
      // An example's logs are not worth keeping once it is removed.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const { worker } of targets) this.saga.grantTaskResponse(worker);
  }

  /** Postroom queue `order.<step>` and the worker consuming it. */
  #stepWorker(stack: PostroomStack, step: OrderStep): { target: SagaTarget; worker: LambdaFunction } {
    const queue = new PostroomQueue(this, `${step}Queue`, { broker: stack, queueName: `order.${step}`, visibilityTimeout: VISIBILITY_TIMEOUT });
    const { lambdaFunction: worker } = postroomFunction(this, {
      entry: `examples/order-saga/${step}.ts`,
      idPrefix: `${step}Worker`,
      functionId: `${step}Worker`,
      memorySize: 256,
      timeout: WORKER_TIMEOUT,
      logRetention: RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    worker.addEventSource(new SqsEventSource(postroomSqsQueue(this, `${step}SqsQueue`, stack.queueNamePrefix, queue.queueName), { reportBatchItemFailures: true }));
    // The topology function creates the SQS queue; the event source needs it to exist.
    worker.node.addDependency(queue);
    return { target: SagaTarget.queue(queue), worker };
  }
}
