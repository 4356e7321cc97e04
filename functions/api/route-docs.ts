import type { QueryStringName, RequestBodyName, ResponseBodyName } from '../core/schemas/api-contract.ts';
import type { Operation } from './route-table.ts';

/**
 * One route, as the API document (openapi-document.ts) describes it: schemas are named, not
 * imported (see core/schemas/api-contract.ts). `problems` are the route's own codes by status;
 * those every route, body, query or idempotent route can answer are added by the document.
 */
export interface RouteDoc {
  readonly summary: string;
  readonly body?: RequestBodyName;
  readonly query?: QueryStringName;
  /** The body of each 2xx status; null for none (204). */
  readonly responses: Readonly<Record<number, ResponseBodyName | null>>;
  readonly problems?: Readonly<Record<number, readonly string[]>>;
  /**
   * OpenAPI links to routes that take what this one's response names (runtime expressions such as
   * `$response.body#/memberId`), beside those the document derives from the paths.
   */
  readonly links?: readonly RouteLink[];
}

export interface RouteLink {
  readonly operation: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly requestBody?: unknown;
}

/** Every operation but the catch-all's, which the document leaves out. */
export type DocumentedOperation = Exclude<Operation, 'routeNotFound'>;

/**
 * The documentation of each route of the route table (route-table.ts), by operation, in the
 * table's order: a route without docs, or docs without a route, does not compile. Kept apart from
 * the table so that the API's cold start does not parse it: only the API document, built on the
 * first GET /v1/openapi.json, reads it.
 */
export const routeDocs = {
  health: {
    summary: 'Check that the API answers',
    responses: { 200: 'health' },
  },
  describeApi: {
    summary: "This API's OpenAPI 3.1 document",
    responses: { 200: 'apiDocument' },
  },
  overview: {
    summary: 'The whole broker at once: every queue with its counts, every exchange with its bindings, every stream with its offsets and groups (paginated)',
    query: 'overview', responses: { 200: 'overview' },
  },
  metrics: {
    summary: "The broker's live numbers in the Prometheus text exposition format (locally also counters and histograms since npm start began)",
    responses: { 200: 'prometheusText' },
  },
  createUpload: {
    summary: 'Get a presigned URL to PUT a body of up to 32 MiB to, which a queue or exchange publish then names by its uploadId',
    body: 'createUpload', responses: { 201: 'upload' },
  },
  listQueues: {
    summary: 'List the declared queues',
    responses: { 200: 'queueList' },
  },
  declareQueue: {
    summary: 'Declare a queue (RabbitMQ queue.declare): 201 when created, 200 when it exists with these settings',
    body: 'declareQueue', responses: { 200: 'queue', 201: 'queue' },
    problems: { 400: ['invalid_queue_name'], 409: ['queue_exists_with_different_settings', 'queue_recently_deleted', 'queue_limit_reached'] },
  },
  describeQueue: {
    summary: 'Describe a queue with its message counts',
    responses: { 200: 'queueDescription' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  deleteQueue: {
    summary: 'Delete a queue with its messages and bindings',
    query: 'deleteQueue', responses: { 204: null },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'], 409: ['queue_not_empty'] },
  },
  publish: {
    summary: 'Publish one message or a batch of up to 100 to a queue',
    body: 'publish', responses: { 202: 'published' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found', 'upload_not_found'], 413: ['message_too_large'], 503: ['publish_incomplete'] },
  },
  receive: {
    summary: 'Receive messages, long polling up to waitSeconds',
    body: 'receive', responses: { 200: 'receivedMessages' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
    links: [{ operation: 'ack', requestBody: { receipts: ['$response.body#/messages/0/receipt'] } }, { operation: 'nack', requestBody: { receipts: ['$response.body#/messages/0/receipt'] } }],
  },
  ack: {
    summary: 'Acknowledge received messages by their receipts',
    body: 'ack', responses: { 200: 'acked' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  nack: {
    summary: 'Reject received messages: requeue them (after a delay) or dead-letter them',
    body: 'nack', responses: { 200: 'nacked' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  purgeQueue: {
    summary: 'Delete every message of a queue (not its dead letters)',
    responses: { 200: 'purged' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'], 409: ['purge_in_progress'] },
  },
  peekDeadLetters: {
    summary: "Peek at a queue's dead letters without removing them",
    query: 'peekDeadLetters', responses: { 200: 'deadLetters' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  deleteDeadLetters: {
    summary: "Delete a queue's dead letters, all or those named by messageId",
    query: 'deleteDeadLetters', responses: { 200: 'deadLettersDeleted' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  redriveDeadLetters: {
    summary: 'Move dead letters back to their queue',
    body: 'redriveDeadLetters', responses: { 200: 'redriven' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  listQueueBindings: {
    summary: 'List the bindings to a queue',
    responses: { 200: 'bindingList' },
    problems: { 400: ['invalid_queue_name'], 404: ['queue_not_found'] },
  },
  listExchanges: {
    summary: 'List the exchanges, the default one first',
    responses: { 200: 'exchangeList' },
  },
  declareExchange: {
    summary: 'Declare an exchange (RabbitMQ exchange.declare): 201 when created, 200 when it exists with these settings',
    body: 'declareExchange', responses: { 200: 'exchange', 201: 'exchange' },
    problems: { 400: ['invalid_exchange_name'], 403: ['access_refused'], 409: ['exchange_exists_with_different_settings'] },
  },
  describeExchange: {
    summary: 'Describe an exchange',
    responses: { 200: 'exchange' },
    problems: { 400: ['invalid_exchange_name'], 404: ['exchange_not_found'] },
  },
  deleteExchange: {
    summary: 'Delete an exchange with its bindings',
    query: 'deleteExchange', responses: { 204: null },
    problems: { 400: ['invalid_exchange_name'], 403: ['access_refused'], 404: ['exchange_not_found'], 409: ['exchange_in_use'] },
  },
  listExchangeBindings: {
    summary: 'List the bindings from an exchange',
    responses: { 200: 'bindingList' },
    problems: { 400: ['invalid_exchange_name'], 404: ['exchange_not_found'] },
  },
  publishToExchange: {
    summary: 'Publish one message or a batch of up to 100 through an exchange',
    body: 'publishToExchange', responses: { 202: 'exchangePublished' },
    problems: { 400: ['invalid_exchange_name'], 404: ['exchange_not_found', 'upload_not_found'], 413: ['message_too_large'], 422: ['unroutable'], 503: ['publish_incomplete'] },
  },
  testRoute: {
    summary: 'Show where a message would be routed, without publishing it',
    body: 'testRoute', responses: { 200: 'routes' },
    problems: { 400: ['invalid_exchange_name'], 404: ['exchange_not_found'] },
  },
  bind: {
    summary: 'Bind a queue or an exchange to an exchange: 201 when created, 200 when it exists',
    body: 'binding', responses: { 200: 'binding', 201: 'binding' },
    problems: { 400: ['invalid_binding'], 403: ['access_refused'], 404: ['exchange_not_found', 'queue_not_found'] },
  },
  unbind: {
    summary: 'Remove a binding',
    body: 'binding', responses: { 204: null },
    problems: { 403: ['access_refused'], 404: ['binding_not_found'] },
  },
  listStreams: {
    summary: 'List the declared streams',
    responses: { 200: 'streamList' },
  },
  declareStream: {
    summary: 'Declare a stream, or add partitions to it: 201 when created, 200 when it exists',
    body: 'declareStream', responses: { 200: 'stream', 201: 'stream' },
    problems: { 400: ['invalid_stream_name'], 409: ['stream_exists_with_different_settings', 'partitions_cannot_decrease'] },
  },
  describeStream: {
    summary: "Describe a stream with its partitions' offsets",
    responses: { 200: 'streamDescription' },
    problems: { 400: ['invalid_stream_name'], 404: ['stream_not_found'] },
  },
  deleteStream: {
    summary: 'Delete a stream with its records and groups',
    responses: { 204: null },
    problems: { 400: ['invalid_stream_name'], 404: ['stream_not_found'] },
  },
  produceRecords: {
    summary: 'Append records to a stream (Kafka produce)',
    body: 'produceRecords', responses: { 200: 'produced' },
    problems: { 400: ['invalid_stream_name', 'partition_out_of_range'], 404: ['stream_not_found'], 409: ['out_of_order_sequence'], 413: ['record_too_large', 'request_too_large'], 503: ['append_contended'] },
    links: [{ operation: 'readRecords', parameters: { partition: '$response.body#/results/0/partition', offset: '$response.body#/results/0/offset' } }],
  },
  readRecords: {
    summary: "Read a partition's records from an offset, a time or the log start (Kafka fetch)",
    query: 'readRecords', responses: { 200: 'records' },
    problems: { 400: ['invalid_stream_name', 'partition_out_of_range'], 404: ['stream_not_found'], 416: ['offset_out_of_range'] },
  },
  listGroups: {
    summary: "List a stream's consumer groups with their lag",
    responses: { 200: 'groupList' },
    problems: { 400: ['invalid_stream_name'], 404: ['stream_not_found'] },
  },
  describeGroup: {
    summary: 'Describe a consumer group: offsets, lag and members',
    responses: { 200: 'group' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name'], 404: ['stream_not_found', 'group_not_found'] },
  },
  commitOffsets: {
    summary: "Commit a consumer group's offsets",
    body: 'commitOffsets', responses: { 200: 'committed' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name', 'partition_out_of_range'], 404: ['stream_not_found', 'member_not_found'], 409: ['stale_generation'], 416: ['offset_out_of_range'], 503: ['membership_contended'] },
  },
  resetGroup: {
    summary: "Reset a consumer group's offsets to the start, the end, a time or given offsets",
    body: 'resetGroup', responses: { 200: 'group' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name', 'partition_out_of_range'], 404: ['stream_not_found'], 416: ['offset_out_of_range'] },
  },
  joinGroup: {
    summary: 'Join a consumer group and get partitions assigned',
    body: 'joinGroup', responses: { 200: 'member' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name'], 404: ['stream_not_found'], 503: ['membership_contended'] },
    links: [{ operation: 'heartbeatMember', parameters: { member: '$response.body#/memberId' }, requestBody: { generation: '$response.body#/generation' } }, { operation: 'pollRecords', parameters: { member: '$response.body#/memberId' }, requestBody: { generation: '$response.body#/generation' } }, { operation: 'leaveGroup', parameters: { member: '$response.body#/memberId' } }],
  },
  heartbeatMember: {
    summary: 'Keep a group member alive and learn its assignment',
    body: 'heartbeatMember', responses: { 200: 'member' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name'], 404: ['stream_not_found', 'member_not_found'], 409: ['stale_generation'], 503: ['membership_contended'] },
  },
  pollRecords: {
    summary: "Read the records of a member's partitions from the group's offsets (Kafka poll)",
    body: 'pollRecords', responses: { 200: 'polled' },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name'], 404: ['stream_not_found', 'member_not_found'], 409: ['stale_generation'], 503: ['membership_contended'] },
  },
  leaveGroup: {
    summary: 'Leave a consumer group',
    responses: { 204: null },
    problems: { 400: ['invalid_stream_name', 'invalid_group_name', 'invalid_request'], 404: ['stream_not_found', 'member_not_found'], 503: ['membership_contended'] },
  },
  declareEventStore: {
    summary: 'Declare an event store and the stream carrying its log: 201 when created, 200 when it exists with these settings',
    body: 'declareEventStore', responses: { 200: 'eventStore', 201: 'eventStore' },
    problems: { 400: ['invalid_event_store_name'], 409: ['event_store_exists_with_different_settings', 'event_store_log_taken', 'stream_exists_with_different_settings', 'partitions_cannot_decrease'] },
  },
  describeEventStore: {
    summary: 'Describe an event store, with the stream that carries its log',
    responses: { 200: 'eventStore' },
    problems: { 400: ['invalid_event_store_name'], 404: ['event_store_not_found'] },
  },
  deleteEventStore: {
    summary: 'Delete an event store and its log stream',
    responses: { 204: null },
    problems: { 400: ['invalid_event_store_name'], 404: ['event_store_not_found'] },
  },
  appendEvents: {
    summary: "Append 1 to 100 events to an event stream atomically, at the expected version, and to the store's log",
    body: 'appendEvents', responses: { 201: 'appended' },
    problems: { 400: ['invalid_event_store_name', 'invalid_stream_id'], 404: ['event_store_not_found', 'stream_not_found'], 409: ['wrong_expected_version', 'event_id_conflict'], 413: ['events_too_large'], 422: ['schema_violation'], 503: ['append_contended'] },
    links: [{ operation: 'readEvents', parameters: { fromVersion: '$response.body#/firstVersion' } }],
  },
  readEvents: {
    summary: "Read an event stream forward or backward from a version, or as it was at a time",
    query: 'readEvents', responses: { 200: 'eventPage' },
    problems: { 400: ['invalid_event_store_name', 'invalid_stream_id'], 404: ['event_store_not_found', 'stream_not_found'] },
  },
  putSnapshot: {
    summary: "Keep a snapshot of an event stream's state at a version",
    body: 'putSnapshot', responses: { 200: 'snapshot' },
    problems: { 400: ['invalid_event_store_name', 'invalid_stream_id'], 404: ['event_store_not_found', 'stream_not_found'], 409: ['snapshot_beyond_stream'], 413: ['snapshot_too_large'] },
  },
  loadState: {
    summary: "Load an aggregate: an event stream's latest snapshot and the events after it",
    responses: { 200: 'aggregateState' },
    problems: { 400: ['invalid_event_store_name', 'invalid_stream_id'], 404: ['event_store_not_found', 'stream_not_found'] },
  },
  registerEventSchema: {
    summary: 'Register the JSON Schema of an event type at a schema version: 201 registered, 200 when the same is',
    body: 'eventSchema', responses: { 200: 'eventSchema', 201: 'eventSchema' },
    problems: { 400: ['invalid_event_store_name', 'invalid_event_type', 'invalid_schema'], 404: ['event_store_not_found'], 409: ['schema_exists_with_different_definition'] },
  },
  describeProjection: {
    summary: "A projection's position in the store's log and its lag, per partition",
    responses: { 200: 'projection' },
    problems: { 400: ['invalid_event_store_name', 'invalid_projection_name'], 404: ['event_store_not_found'] },
  },
  rebuildProjection: {
    summary: "Rebuild a projection's read model from every event of the store, then follow the log again: 202, progress in its description",
    responses: { 202: 'projection' },
    problems: { 400: ['invalid_event_store_name', 'invalid_projection_name'], 404: ['event_store_not_found', 'projection_not_found'], 409: ['projection_rebuild_running'] },
  },
  rpc: {
    summary: 'Send a request through an exchange and wait for its reply',
    body: 'rpc', responses: { 200: 'rpcReply' },
    problems: { 400: ['invalid_exchange_name'], 404: ['exchange_not_found'], 413: ['message_too_large'], 422: ['unroutable'], 504: ['reply_timeout'] },
  },
  sendReply: {
    summary: 'Reply to a request received from a queue',
    body: 'sendReply', responses: { 202: 'replySent' },
    problems: { 410: ['reply_expired'], 413: ['message_too_large'] },
  },
  listSagas: {
    summary: 'List the deployed sagas',
    responses: { 200: 'sagaList' },
  },
  startSagaExecution: {
    summary: 'Start a saga execution',
    body: 'startSagaExecution', responses: { 202: 'executionStarted' },
    problems: { 400: ['invalid_saga_name'], 404: ['saga_not_found'], 409: ['execution_exists'], 413: ['payload_too_large'] },
  },
  listSagaExecutions: {
    summary: "List a saga's executions, newest first",
    query: 'listSagaExecutions', responses: { 200: 'executionList' },
    problems: { 400: ['invalid_saga_name'], 404: ['saga_not_found'] },
  },
  describeSagaExecution: {
    summary: 'Describe a saga execution with its steps',
    responses: { 200: 'execution' },
    problems: { 400: ['invalid_saga_name', 'invalid_request'], 404: ['saga_not_found', 'execution_not_found'] },
  },
  sendTaskSuccess: {
    summary: 'Complete a saga step with its output',
    body: 'sendTaskSuccess', responses: { 204: null },
    problems: { 400: ['invalid_task_token'], 404: ['task_not_found'], 410: ['task_timed_out'], 413: ['payload_too_large'] },
  },
  sendTaskFailure: {
    summary: 'Fail a saga step, so that it is retried or compensated',
    body: 'sendTaskFailure', responses: { 204: null },
    problems: { 400: ['invalid_task_token'], 404: ['task_not_found'], 410: ['task_timed_out'] },
  },
} as const satisfies Record<DocumentedOperation, RouteDoc>;
