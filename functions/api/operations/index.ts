import type { Operation } from '../route-table.ts';
import type { OperationHandler } from '../http.ts';
import { ack } from './ack.ts';
import { declareQueue } from './declare-queue.ts';
import { deleteQueue } from './delete-queue.ts';
import { describeQueue } from './describe-queue.ts';
import { health } from './health.ts';
import { listQueues } from './list-queues.ts';
import { nack } from './nack.ts';
import { peekDeadLetters } from './peek-dead-letters.ts';
import { publish } from './publish.ts';
import { receive } from './receive.ts';
import { redriveDeadLetters } from './redrive-dead-letters.ts';
import { routeNotFound } from './route-not-found.ts';

/** One handler per operation of the route table; the type makes a missing one a compile error. */
export const operations: Record<Operation, OperationHandler> = {
  health,
  listQueues,
  declareQueue,
  describeQueue,
  deleteQueue,
  publish,
  receive,
  ack,
  nack,
  peekDeadLetters,
  redriveDeadLetters,
  routeNotFound,
};
