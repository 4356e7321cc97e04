// The queue routes: one family, imported together on the first request for any of them (operations/index.ts).
export { ack } from './ack.ts';
export { declareQueue } from './declare-queue.ts';
export { deleteDeadLetters } from './delete-dead-letters.ts';
export { deleteQueue } from './delete-queue.ts';
export { describeQueue } from './describe-queue.ts';
export { listQueueBindings } from './list-queue-bindings.ts';
export { listQueues } from './list-queues.ts';
export { nack } from './nack.ts';
export { peekDeadLetters } from './peek-dead-letters.ts';
export { publish } from './publish.ts';
export { purgeQueue } from './purge-queue.ts';
export { receive } from './receive.ts';
export { redriveDeadLetters } from './redrive-dead-letters.ts';
