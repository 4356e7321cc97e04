import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Saga } from '../constructs/saga/saga.ts';
import { SagaTarget } from '../constructs/saga/saga-target.ts';
import { PostroomQueue } from '../constructs/topology/postroom-queue.ts';
import type { PostroomStack } from '../postroom-stack.ts';

/** Long enough to answer a step by hand with curl; short enough that a forgotten task ends soon. */
const STEP_TIMEOUT = Duration.seconds(60);
/** An HTTP worker's failure answer is final: the saga compensates at once instead of asking again. */
const NO_RETRY = { maxAttempts: 0 } as const;

/**
 * The example saga `trip`: book a hotel (compensation: cancel it) → book a flight. No worker
 * runs in the stack: each step's message waits in Postroom queue `trip.<step>` for an HTTP worker
 * (README, "Sagas over HTTP") to receive it and answer with its task token.
 */
export class TripSaga extends Construct {
  readonly saga: Saga;

  constructor(stack: PostroomStack, id: string) {
    super(stack, id);
    const hotel = SagaTarget.queue(new PostroomQueue(this, 'hotelQueue', { broker: stack, queueName: 'trip.hotel' }));
    const flight = SagaTarget.queue(new PostroomQueue(this, 'flightQueue', { broker: stack, queueName: 'trip.flight' }));
    this.saga = new Saga(this, 'Saga', {
      broker: stack,
      sagaName: 'trip',
      steps: [
        { name: 'hotel', action: hotel, compensation: hotel, retry: NO_RETRY, timeout: STEP_TIMEOUT },
        { name: 'flight', action: flight, retry: NO_RETRY, timeout: STEP_TIMEOUT },
      ],
      // An example's logs are not worth keeping once it is removed.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
