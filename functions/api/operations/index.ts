import type { Operation } from '../route-table.ts';
import type { OperationHandler } from '../http.ts';
import { describeApi } from './describe-api.ts';
import { health } from './health.ts';
import { routeNotFound } from './route-not-found.ts';

/**
 * A family of operations imported on the first request for one of them: a cold start evaluates
 * none, and a request loads only its own resource's code (and the libraries it needs, such as
 * prom-client for the metrics route).
 */
function family<Family extends Record<string, OperationHandler>>(load: () => Promise<Family>) {
  return (name: keyof Family & string): OperationHandler =>
    async (request, services) => (await load())[name]!(request, services);
}

const queues = family(() => import('./queues/index.ts'));
const exchanges = family(() => import('./exchanges/index.ts'));
const streams = family(() => import('./streams/index.ts'));
const eventStores = family(() => import('./event-stores/index.ts'));
const sagas = family(() => import('./sagas/index.ts'));
const rpc = family(() => import('./rpc/index.ts'));
const overview = family(() => import('./overview/index.ts'));
const uploads = family(() => import('./uploads/index.ts'));

/** One handler per operation of the route table; the type makes a missing one a compile error. */
export const operations: Record<Operation, OperationHandler> = {
  health,
  describeApi,
  listQueues: queues('listQueues'),
  declareQueue: queues('declareQueue'),
  describeQueue: queues('describeQueue'),
  deleteQueue: queues('deleteQueue'),
  publish: queues('publish'),
  receive: queues('receive'),
  ack: queues('ack'),
  nack: queues('nack'),
  purgeQueue: queues('purgeQueue'),
  peekDeadLetters: queues('peekDeadLetters'),
  deleteDeadLetters: queues('deleteDeadLetters'),
  redriveDeadLetters: queues('redriveDeadLetters'),
  listQueueBindings: queues('listQueueBindings'),
  createUpload: uploads('createUpload'),
  listExchanges: exchanges('listExchanges'),
  metrics: overview('metrics'),
  overview: overview('overview'),
  declareExchange: exchanges('declareExchange'),
  describeExchange: exchanges('describeExchange'),
  deleteExchange: exchanges('deleteExchange'),
  listExchangeBindings: exchanges('listExchangeBindings'),
  publishToExchange: exchanges('publishToExchange'),
  testRoute: exchanges('testRoute'),
  bind: exchanges('bind'),
  unbind: exchanges('unbind'),
  listStreams: streams('listStreams'),
  declareStream: streams('declareStream'),
  describeStream: streams('describeStream'),
  deleteStream: streams('deleteStream'),
  produceRecords: streams('produceRecords'),
  readRecords: streams('readRecords'),
  listGroups: streams('listGroups'),
  describeGroup: streams('describeGroup'),
  commitOffsets: streams('commitOffsets'),
  resetGroup: streams('resetGroup'),
  joinGroup: streams('joinGroup'),
  heartbeatMember: streams('heartbeatMember'),
  pollRecords: streams('pollRecords'),
  leaveGroup: streams('leaveGroup'),
  declareEventStore: eventStores('declareEventStore'),
  describeEventStore: eventStores('describeEventStore'),
  describeProjection: eventStores('describeProjection'),
  rebuildProjection: eventStores('rebuildProjection'),
  deleteEventStore: eventStores('deleteEventStore'),
  appendEvents: eventStores('appendEvents'),
  readEvents: eventStores('readEvents'),
  putSnapshot: eventStores('putSnapshot'),
  loadState: eventStores('loadState'),
  registerEventSchema: eventStores('registerEventSchema'),
  rpc: rpc('rpc'),
  sendReply: rpc('sendReply'),
  listSagas: sagas('listSagas'),
  startSagaExecution: sagas('startSagaExecution'),
  listSagaExecutions: sagas('listSagaExecutions'),
  describeSagaExecution: sagas('describeSagaExecution'),
  sendTaskSuccess: sagas('sendTaskSuccess'),
  sendTaskFailure: sagas('sendTaskFailure'),
  routeNotFound,
};
