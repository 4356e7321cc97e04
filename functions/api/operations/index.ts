import type { Operation } from '../route-table.ts';
import type { OperationHandler } from '../http.ts';
import { ack } from './queues/ack.ts';
import { bind } from './exchanges/bind.ts';
import { declareExchange } from './exchanges/declare-exchange.ts';
import { declareQueue } from './queues/declare-queue.ts';
import { deleteExchange } from './exchanges/delete-exchange.ts';
import { deleteQueue } from './queues/delete-queue.ts';
import { describeApi } from './describe-api.ts';
import { describeExchange } from './exchanges/describe-exchange.ts';
import { describeQueue } from './queues/describe-queue.ts';
import { health } from './health.ts';
import { listExchangeBindings } from './exchanges/list-exchange-bindings.ts';
import { listExchanges } from './exchanges/list-exchanges.ts';
import { metrics } from './overview/metrics.ts';
import { overview } from './overview/overview.ts';
import { listQueueBindings } from './queues/list-queue-bindings.ts';
import { listQueues } from './queues/list-queues.ts';
import { nack } from './queues/nack.ts';
import { purgeQueue } from './queues/purge-queue.ts';
import { deleteDeadLetters } from './queues/delete-dead-letters.ts';
import { peekDeadLetters } from './queues/peek-dead-letters.ts';
import { publishToExchange } from './exchanges/publish-to-exchange.ts';
import { publish } from './queues/publish.ts';
import { receive } from './queues/receive.ts';
import { redriveDeadLetters } from './queues/redrive-dead-letters.ts';
import { routeNotFound } from './route-not-found.ts';
import { testRoute } from './exchanges/test-route.ts';
import { unbind } from './exchanges/unbind.ts';
import { createUpload } from './uploads/create-upload.ts';
import { commitOffsets } from './streams/commit-offsets.ts';
import { declareStream } from './streams/declare-stream.ts';
import { deleteStream } from './streams/delete-stream.ts';
import { describeGroup } from './streams/describe-group.ts';
import { listGroups } from './streams/list-groups.ts';
import { describeStream } from './streams/describe-stream.ts';
import { listStreams } from './streams/list-streams.ts';
import { produceRecords } from './streams/produce-records.ts';
import { readRecords } from './streams/read-records.ts';
import { resetGroup } from './streams/reset-group.ts';
import { heartbeatMember } from './streams/heartbeat-member.ts';
import { joinGroup } from './streams/join-group.ts';
import { leaveGroup } from './streams/leave-group.ts';
import { pollRecords } from './streams/poll-records.ts';
import { startSagaExecution } from './sagas/start-saga-execution.ts';
import { listSagaExecutions } from './sagas/list-saga-executions.ts';
import { listSagas } from './sagas/list-sagas.ts';
import { describeSagaExecution } from './sagas/describe-saga-execution.ts';
import { sendTaskFailure, sendTaskSuccess } from './sagas/answer-task.ts';
import { appendEvents } from './event-stores/append-events.ts';
import { declareEventStore } from './event-stores/declare-event-store.ts';
import { deleteEventStore } from './event-stores/delete-event-store.ts';
import { describeEventStore } from './event-stores/describe-event-store.ts';
import { describeProjection } from './event-stores/describe-projection.ts';
import { loadState } from './event-stores/load-state.ts';
import { putSnapshot } from './event-stores/put-snapshot.ts';
import { readEvents } from './event-stores/read-events.ts';
import { registerEventSchema } from './event-stores/register-event-schema.ts';
import { rpc } from './rpc/rpc.ts';
import { sendReply } from './rpc/send-reply.ts';

/** One handler per operation of the route table; the type makes a missing one a compile error. */
export const operations: Record<Operation, OperationHandler> = {
  health,
  describeApi,
  listQueues,
  createUpload,
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
  metrics,
  overview,
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
  declareEventStore,
  describeEventStore,
  describeProjection,
  deleteEventStore,
  appendEvents,
  readEvents,
  putSnapshot,
  loadState,
  registerEventSchema,
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
