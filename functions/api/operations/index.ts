import type { Operation } from '../route-table.ts';
import type { OperationHandler } from '../http.ts';
import { ack } from './ack.ts';
import { bind } from './bind.ts';
import { declareExchange } from './declare-exchange.ts';
import { declareQueue } from './declare-queue.ts';
import { deleteExchange } from './delete-exchange.ts';
import { deleteQueue } from './delete-queue.ts';
import { describeExchange } from './describe-exchange.ts';
import { describeQueue } from './describe-queue.ts';
import { health } from './health.ts';
import { listExchangeBindings } from './list-exchange-bindings.ts';
import { listExchanges } from './list-exchanges.ts';
import { listQueueBindings } from './list-queue-bindings.ts';
import { listQueues } from './list-queues.ts';
import { nack } from './nack.ts';
import { purgeQueue } from './purge-queue.ts';
import { deleteDeadLetters } from './delete-dead-letters.ts';
import { peekDeadLetters } from './peek-dead-letters.ts';
import { publishToExchange } from './publish-to-exchange.ts';
import { publish } from './publish.ts';
import { receive } from './receive.ts';
import { redriveDeadLetters } from './redrive-dead-letters.ts';
import { routeNotFound } from './route-not-found.ts';
import { testRoute } from './test-route.ts';
import { unbind } from './unbind.ts';
import { commitOffsets } from './commit-offsets.ts';
import { declareStream } from './declare-stream.ts';
import { deleteStream } from './delete-stream.ts';
import { describeGroup } from './describe-group.ts';
import { listGroups } from './list-groups.ts';
import { describeStream } from './describe-stream.ts';
import { listStreams } from './list-streams.ts';
import { produceRecords } from './produce-records.ts';
import { readRecords } from './read-records.ts';
import { resetGroup } from './reset-group.ts';
import { heartbeatMember } from './heartbeat-member.ts';
import { joinGroup } from './join-group.ts';
import { leaveGroup } from './leave-group.ts';
import { pollRecords } from './poll-records.ts';
import { startSagaExecution } from './start-saga-execution.ts';
import { listSagaExecutions } from './list-saga-executions.ts';
import { listSagas } from './list-sagas.ts';
import { describeSagaExecution } from './describe-saga-execution.ts';
import { sendTaskFailure, sendTaskSuccess } from './answer-task.ts';
import { rpc } from './rpc.ts';
import { sendReply } from './send-reply.ts';

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
  purgeQueue,
  peekDeadLetters,
  deleteDeadLetters,
  redriveDeadLetters,
  listQueueBindings,
  listExchanges,
  declareExchange,
  describeExchange,
  deleteExchange,
  listExchangeBindings,
  publishToExchange,
  testRoute,
  bind,
  unbind,
  listStreams,
  declareStream,
  describeStream,
  deleteStream,
  produceRecords,
  readRecords,
  listGroups,
  describeGroup,
  commitOffsets,
  resetGroup,
  joinGroup,
  heartbeatMember,
  pollRecords,
  leaveGroup,
  rpc,
  sendReply,
  listSagas,
  startSagaExecution,
  listSagaExecutions,
  describeSagaExecution,
  sendTaskSuccess,
  sendTaskFailure,
  routeNotFound,
};
