import * as z from 'zod/mini';
import { documentedAppendRequestSchema } from '../event-store/append-request.ts';
import { eventReadQuerySchema } from '../event-store/read-query.ts';
import { eventSchemaBodySchema, snapshotRequestSchema } from '../event-store/snapshot-request.ts';
import { declareStoreBodySchema } from '../event-store/store-settings.ts';
import * as eventStoreResponses from './event-store-responses.ts';
import { commitOffsetsBodySchema, resetGroupBodySchema } from '../streams/group-requests.ts';
import { declareStreamBodySchema } from '../streams/declare-request.ts';
import { heartbeatBodySchema, joinBodySchema, pollBodySchema } from '../streams/member-requests.ts';
import { produceRequestSchema } from '../streams/produce-request.ts';
import { readQuerySchema } from '../streams/read-query.ts';
import { bindingRequestSchema } from './binding-requests.ts';
import { deleteDeadLettersQuerySchema, peekDeadLettersQuerySchema, redriveRequestSchema } from './dead-letter-requests.ts';
import { exchangePublishRequestSchema } from './exchange-message-requests.ts';
import * as exchangeResponses from './exchange-responses.ts';
import { declareExchangeBodySchema, deleteExchangeQuerySchema, testRouteRequestSchema } from './exchange-requests.ts';
import { publishRequestSchema, receiveRequestSchema } from './message-requests.ts';
import { overviewQuerySchema } from './overview-requests.ts';
import * as overviewResponses from './overview-responses.ts';
import { problemDocumentSchema } from './problem-document.ts';
import { declareQueueBodySchema, deleteQueueQuerySchema } from './queue-requests.ts';
import * as queueResponses from './queue-responses.ts';
import { replyRequestSchema, rpcRequestSchema } from './rpc-requests.ts';
import * as rpcResponses from './rpc-responses.ts';
import { listExecutionsQuerySchema, startExecutionRequestSchema, taskFailureRequestSchema, taskSuccessRequestSchema } from './saga-requests.ts';
import * as sagaResponses from './saga-responses.ts';
import { ackRequestSchema, nackRequestSchema } from './settle-requests.ts';
import * as streamResponses from './stream-responses.ts';
import { uploadRequestSchema, uploadTargetSchema } from '../uploads.ts';

/**
 * The API's schemas by the names the route docs give them (functions/api/route-docs.ts), each
 * with an example for the API document; a unit test checks every example against its schema.
 */
interface Documented {
  readonly schema: z.core.$ZodType;
  readonly example: unknown;
  /** The media type, when not JSON. */
  readonly mediaType?: string;
}

const at = '2026-01-02T03:04:05.000Z';
const queue = { name: 'orders', maxDeliveries: 5, visibilityTimeoutSeconds: 30, retentionSeconds: 345600, delaySeconds: 0, createdAt: at };
const binding = { exchange: 'events', queue: 'orders', bindingKey: 'order.*', arguments: {} };
const stream = { name: 'clicks', partitions: 4, retentionHours: 168, createdAt: at };
const record = { offset: 41, key: 'user-7', value: { page: '/home' }, headers: {}, timestamp: at };
const group = {
  group: 'analytics',
  lag: 3,
  partitions: [{ partition: 0, committedOffset: 40, highWatermark: 43, lag: 3 }],
  generation: 2,
  members: [{ memberId: 'm-1', assignment: [0], lastHeartbeatAt: at }],
};
const receipt = 'eyJxIjoib3JkZXJzIn0';
const event = { eventId: '8d0f5b7e-3c1a-4f2e-9b6d-1a2b3c4d5e6f', type: 'MoneyDeposited', schemaVersion: 1, data: { amount: 100 }, metadata: {}, version: 3, recordedAt: at };
const depositSchema = { type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 1 } } };
const execution = { executionId: 'order-1001', status: 'COMPLETED', startedAt: at, endedAt: at };

/** Request bodies, by route-docs name. */
export const requestBodies = {
  declareQueue: { schema: declareQueueBodySchema, example: { maxDeliveries: 5, visibilityTimeoutSeconds: 30 } },
  publish: { schema: publishRequestSchema.documented, example: { body: { orderId: 1001 }, headers: { tenant: 'acme' } } },
  createUpload: { schema: uploadRequestSchema, example: { bytes: 12_582_912, contentType: 'application/pdf' } },
  receive: { schema: receiveRequestSchema, example: { maxMessages: 10, waitSeconds: 20 } },
  ack: { schema: ackRequestSchema, example: { receipts: [receipt] } },
  nack: { schema: nackRequestSchema, example: { receipts: [receipt], requeue: true, delaySeconds: 10 } },
  redriveDeadLetters: { schema: redriveRequestSchema, example: { maxMessages: 100 } },
  declareExchange: { schema: declareExchangeBodySchema, example: { type: 'topic' } },
  publishToExchange: { schema: exchangePublishRequestSchema.documented, example: { routingKey: 'order.created', body: { orderId: 1001 } } },
  testRoute: { schema: testRouteRequestSchema, example: { routingKey: 'order.created', headers: {} } },
  binding: { schema: bindingRequestSchema, example: binding },
  declareStream: { schema: declareStreamBodySchema, example: { partitions: 4 } },
  produceRecords: { schema: produceRequestSchema, example: { records: [{ key: 'user-7', value: { page: '/home' } }] } },
  commitOffsets: { schema: commitOffsetsBodySchema, example: { offsets: [{ partition: 0, offset: 42 }] } },
  resetGroup: { schema: resetGroupBodySchema, example: { to: 'earliest' } },
  joinGroup: { schema: joinBodySchema, example: {} },
  heartbeatMember: { schema: heartbeatBodySchema, example: { generation: 2 } },
  pollRecords: { schema: pollBodySchema, example: { generation: 2, maxRecords: 100 } },
  declareEventStore: { schema: declareStoreBodySchema, example: { partitions: 4, snapshotEvery: 100 } },
  appendEvents: { schema: documentedAppendRequestSchema, example: { expectedVersion: 2, events: [{ type: 'MoneyDeposited', data: { amount: 100 } }] } },
  putSnapshot: { schema: snapshotRequestSchema, example: { version: 3, state: { balance: 250 } } },
  eventSchema: { schema: eventSchemaBodySchema, example: depositSchema },
  rpc: { schema: rpcRequestSchema, example: { routingKey: 'pricing', body: { sku: 'A-1' }, timeoutMs: 5000 } },
  sendReply: {
    schema: replyRequestSchema,
    example: { replyTo: 'rpc-0123456789abcdef0123456789abcdef', correlationId: '6f1c2b0e-8a47-4a8e-9a3e-2f1d4c5b6a70', body: { price: 42 } },
  },
  startSagaExecution: { schema: startExecutionRequestSchema, example: { executionId: 'order-1001', input: { orderId: 1001 } } },
  sendTaskSuccess: { schema: taskSuccessRequestSchema, example: { taskToken: 'AQB8AAAAKgAAAAMAAAAA', output: { reserved: true } } },
  sendTaskFailure: { schema: taskFailureRequestSchema, example: { taskToken: 'AQB8AAAAKgAAAAMAAAAA', error: 'OutOfStock', cause: 'SKU A-1 is sold out' } },
} satisfies Record<string, Documented>;

/** Query strings, by route-docs name: each member is a query parameter. */
export const queryStrings = {
  deleteQueue: deleteQueueQuerySchema,
  peekDeadLetters: peekDeadLettersQuerySchema,
  deleteDeadLetters: deleteDeadLettersQuerySchema,
  deleteExchange: deleteExchangeQuerySchema,
  readRecords: readQuerySchema,
  readEvents: eventReadQuerySchema,
  listSagaExecutions: listExecutionsQuerySchema,
  overview: overviewQuerySchema,
} satisfies Record<string, z.core.$ZodType>;

/** 2xx response bodies, by route-docs name. */
export const responseBodies = {
  health: { schema: z.object({ status: z.literal('ok') }), example: { status: 'ok' } },
  apiDocument: { schema: z.looseObject({ openapi: z.string() }), example: { openapi: '3.1.1', info: { title: 'Postroom', version: '0.1.0' }, paths: {} } },
  overview: {
    schema: overviewResponses.overviewSchema,
    example: {
      queues: [{ name: 'orders', messages: { ready: 3, inFlight: 1, delayed: 0, deadLetters: 1 }, oldestMessageAgeSeconds: 42, oldestDeadLetterAgeSeconds: 3600 }],
      exchanges: [{ name: 'events', type: 'topic', bindings: 2 }],
      streams: [{ name: 'clicks', partitions: [{ partition: 0, highWatermark: 43 }], groups: [group] }],
    },
  },
  prometheusText: {
    schema: overviewResponses.prometheusTextSchema,
    mediaType: 'text/plain',
    example: '# HELP postroom_queue_ready Messages ready for delivery.\n# TYPE postroom_queue_ready gauge\npostroom_queue_ready{queue="orders"} 3\n',
  },
  queue: { schema: queueResponses.queueViewSchema, example: queue },
  queueDescription: { schema: queueResponses.queueDescriptionSchema, example: { ...queue, messages: { ready: 3, inFlight: 1, delayed: 0, deadLetters: 0 } } },
  queueList: { schema: queueResponses.queueListSchema, example: { queues: [queue] } },
  upload: {
    schema: uploadTargetSchema,
    example: {
      uploadId: '0c6f2a9e-5d1b-4e3a-8f7c-2b9d4e6a1c3f',
      url: 'https://postroom-payloads.s3.eu-west-1.amazonaws.com/uploads/0c6f2a9e-5d1b-4e3a-8f7c-2b9d4e6a1c3f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost&X-Amz-Signature=5f1c9a',
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      expiresAt: at,
    },
  },
  published: { schema: queueResponses.publishResultSchema, example: { messageIds: ['5b1f8e3c-2d4a-4c6b-9e7f-0a1b2c3d4e5f'] } },
  receivedMessages: {
    schema: queueResponses.receivedMessagesSchema,
    example: { messages: [{ messageId: 'order-1001', receipt, body: { orderId: 1001 }, headers: { tenant: 'acme' }, deliveryCount: 1, publishedAt: at }] },
  },
  acked: { schema: queueResponses.ackResultSchema, example: { acked: 1, failures: [] } },
  nacked: { schema: queueResponses.nackResultSchema, example: { nacked: 1, failures: [] } },
  purged: { schema: queueResponses.purgeResultSchema, example: { purged: { ready: 3, inFlight: 0, delayed: 0 } } },
  deadLetters: { schema: queueResponses.deadLettersSchema, example: { messages: [{ messageId: 'order-1001', body: { orderId: 1001 }, headers: {}, publishedAt: at }] } },
  deadLettersDeleted: { schema: queueResponses.deadLettersDeletedSchema, example: { deleted: ['order-1001'], notFound: [] } },
  redriven: { schema: queueResponses.redriveResultSchema, example: { moved: 12 } },
  exchange: { schema: exchangeResponses.exchangeViewSchema, example: { name: 'events', type: 'topic', createdAt: at } },
  exchangeList: { schema: exchangeResponses.exchangeListSchema, example: { exchanges: [{ name: 'amq.default', type: 'direct' }, { name: 'events', type: 'topic', createdAt: at }] } },
  binding: { schema: exchangeResponses.bindingViewSchema, example: binding },
  bindingList: { schema: exchangeResponses.bindingListSchema, example: { bindings: [binding] } },
  exchangePublished: { schema: exchangeResponses.exchangePublishResultSchema, example: { results: [{ messageId: '5b1f8e3c-2d4a-4c6b-9e7f-0a1b2c3d4e5f', routedTo: 2 }] } },
  routes: { schema: exchangeResponses.testRouteResultSchema, example: { queues: ['orders'], exchanges: ['events'] } },
  stream: { schema: streamResponses.streamViewSchema, example: stream },
  streamDescription: { schema: streamResponses.streamDescriptionSchema, example: { ...stream, offsets: [{ partition: 0, logStartOffset: 0, highWatermark: 43 }] } },
  streamList: { schema: streamResponses.streamListSchema, example: { streams: [stream] } },
  produced: { schema: streamResponses.produceResultSchema, example: { results: [{ partition: 0, offset: 42, timestamp: at }] } },
  records: { schema: streamResponses.readResultSchema, example: { records: [record], nextOffset: 42, highWatermark: 43 } },
  groupList: { schema: streamResponses.groupListSchema, example: { groups: [group] } },
  group: { schema: streamResponses.groupViewSchema, example: { stream: 'clicks', ...group } },
  committed: { schema: streamResponses.committedOffsetsSchema, example: { offsets: [{ partition: 0, offset: 42 }] } },
  member: { schema: streamResponses.memberViewSchema, example: { memberId: 'm-1', generation: 2, assignment: [0, 1] } },
  polled: { schema: streamResponses.polledRecordsSchema, example: { records: [{ partition: 0, ...record }], generation: 2 } },
  eventStore: { schema: eventStoreResponses.eventStoreViewSchema, example: { name: 'bank', partitions: 4, snapshotEvery: 100, log: 'bank.events', createdAt: at } },
  appended: { schema: eventStoreResponses.appendResultSchema, example: { firstVersion: 3, lastVersion: 3 } },
  eventPage: { schema: eventStoreResponses.eventPageSchema, example: { events: [event], nextVersion: null } },
  snapshot: { schema: eventStoreResponses.snapshotViewSchema, example: { version: 3, state: { balance: 250 }, recordedAt: at } },
  aggregateState: {
    schema: eventStoreResponses.aggregateStateSchema,
    example: { snapshot: { version: 2, state: { balance: 150 }, recordedAt: at }, events: [event], version: 3, nextVersion: null, snapshotDue: false },
  },
  projection: {
    schema: eventStoreResponses.projectionViewSchema,
    example: {
      store: 'bank', name: 'balances', group: 'projection.balances', lag: 2, partitions: [{ partition: 0, position: 40, highWatermark: 42, lag: 2 }],
      rebuild: { generation: 1, state: 'done', requestedAt: at, finishedAt: at, streams: 12, events: 340 },
    },
  },
  eventSchema: { schema: eventStoreResponses.eventSchemaViewSchema, example: { type: 'MoneyDeposited', schemaVersion: 1, schema: depositSchema } },
  rpcReply: { schema: rpcResponses.rpcReplySchema, example: { correlationId: '6f1c2b0e-8a47-4a8e-9a3e-2f1d4c5b6a70', body: { price: 42 }, headers: {} } },
  replySent: { schema: rpcResponses.replySentSchema, example: { messageId: '5b1f8e3c-2d4a-4c6b-9e7f-0a1b2c3d4e5f' } },
  sagaList: { schema: sagaResponses.sagaListSchema, example: { sagas: [{ name: 'order', createdAt: at }] } },
  executionStarted: { schema: sagaResponses.executionStartedSchema, example: { executionId: 'order-1001' } },
  executionList: { schema: sagaResponses.executionListSchema, example: { executions: [execution] } },
  execution: { schema: sagaResponses.executionDescriptionSchema, example: { ...execution, saga: 'order', input: { orderId: 1001 }, output: { shipped: true }, steps: [] } },
} satisfies Record<string, Documented>;

/** The body of every error response. */
export const problemDocument = {
  schema: problemDocumentSchema,
  example: {
    type: 'urn:postroom:problem:queue_not_found',
    title: 'Queue not found',
    status: 404,
    code: 'queue_not_found',
    detail: 'Queue "orders" does not exist; declare it with PUT /v1/queues/orders first.',
    instance: '/v1/queues/orders',
  },
} satisfies Documented;

export type RequestBodyName = keyof typeof requestBodies;
export type QueryStringName = keyof typeof queryStrings;
export type ResponseBodyName = keyof typeof responseBodies;
