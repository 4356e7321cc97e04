/** What routing needs of one route; its documentation is in route-docs.ts. */
interface RouteSpec {
  readonly routeKey: string;
  readonly operation: string;
  readonly idempotent?: true;
  readonly tag?: 'service' | 'uploads' | 'queues' | 'exchanges' | 'streams' | 'event-stores' | 'rpc' | 'sagas';
}

/**
 * The HTTP API's routes: the one list that the CDK stack (which creates an API Gateway route for
 * each), the Lambda handler (which dispatches on the route key API Gateway matched) and the API
 * document read. Pure data: importing it must not pull in any AWS client. `idempotent` marks the
 * routes that create something and so honour an Idempotency-Key header. The documentation of each
 * route is in route-docs.ts, which only the API document reads, so that the handler's cold start
 * does not parse it.
 */
export const apiRoutes = [
  { routeKey: 'GET /v1/health', operation: 'health', tag: 'service' },
  { routeKey: 'GET /v1/openapi.json', operation: 'describeApi', tag: 'service' },
  { routeKey: 'GET /v1/overview', operation: 'overview', tag: 'service' },
  { routeKey: 'GET /v1/metrics', operation: 'metrics', tag: 'service' },
  { routeKey: 'POST /v1/uploads', operation: 'createUpload', tag: 'uploads' },
  { routeKey: 'GET /v1/queues', operation: 'listQueues', tag: 'queues' },
  { routeKey: 'PUT /v1/queues/{name}', operation: 'declareQueue', tag: 'queues' },
  { routeKey: 'GET /v1/queues/{name}', operation: 'describeQueue', tag: 'queues' },
  { routeKey: 'DELETE /v1/queues/{name}', operation: 'deleteQueue', tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/messages', operation: 'publish', idempotent: true, tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/receive', operation: 'receive', tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/ack', operation: 'ack', tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/nack', operation: 'nack', tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/purge', operation: 'purgeQueue', tag: 'queues' },
  { routeKey: 'GET /v1/queues/{name}/dead-letters', operation: 'peekDeadLetters', tag: 'queues' },
  { routeKey: 'DELETE /v1/queues/{name}/dead-letters', operation: 'deleteDeadLetters', tag: 'queues' },
  { routeKey: 'POST /v1/queues/{name}/dead-letters/redrive', operation: 'redriveDeadLetters', tag: 'queues' },
  { routeKey: 'GET /v1/queues/{name}/bindings', operation: 'listQueueBindings', tag: 'queues' },
  { routeKey: 'GET /v1/exchanges', operation: 'listExchanges', tag: 'exchanges' },
  { routeKey: 'PUT /v1/exchanges/{name}', operation: 'declareExchange', tag: 'exchanges' },
  { routeKey: 'GET /v1/exchanges/{name}', operation: 'describeExchange', tag: 'exchanges' },
  { routeKey: 'DELETE /v1/exchanges/{name}', operation: 'deleteExchange', tag: 'exchanges' },
  { routeKey: 'GET /v1/exchanges/{name}/bindings', operation: 'listExchangeBindings', tag: 'exchanges' },
  { routeKey: 'POST /v1/exchanges/{name}/messages', operation: 'publishToExchange', idempotent: true, tag: 'exchanges' },
  { routeKey: 'POST /v1/exchanges/{name}/test-route', operation: 'testRoute', tag: 'exchanges' },
  { routeKey: 'POST /v1/bindings', operation: 'bind', tag: 'exchanges' },
  { routeKey: 'DELETE /v1/bindings', operation: 'unbind', tag: 'exchanges' },
  { routeKey: 'GET /v1/streams', operation: 'listStreams', tag: 'streams' },
  { routeKey: 'PUT /v1/streams/{name}', operation: 'declareStream', tag: 'streams' },
  { routeKey: 'GET /v1/streams/{name}', operation: 'describeStream', tag: 'streams' },
  { routeKey: 'DELETE /v1/streams/{name}', operation: 'deleteStream', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/records', operation: 'produceRecords', idempotent: true, tag: 'streams' },
  { routeKey: 'GET /v1/streams/{name}/partitions/{partition}/records', operation: 'readRecords', tag: 'streams' },
  { routeKey: 'GET /v1/streams/{name}/groups', operation: 'listGroups', tag: 'streams' },
  { routeKey: 'GET /v1/streams/{name}/groups/{group}', operation: 'describeGroup', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/offsets', operation: 'commitOffsets', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/reset', operation: 'resetGroup', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members', operation: 'joinGroup', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members/{member}/heartbeat', operation: 'heartbeatMember', tag: 'streams' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members/{member}/poll', operation: 'pollRecords', tag: 'streams' },
  { routeKey: 'DELETE /v1/streams/{name}/groups/{group}/members/{member}', operation: 'leaveGroup', tag: 'streams' },
  { routeKey: 'PUT /v1/event-stores/{store}', operation: 'declareEventStore', tag: 'event-stores' },
  { routeKey: 'GET /v1/event-stores/{store}', operation: 'describeEventStore', tag: 'event-stores' },
  { routeKey: 'DELETE /v1/event-stores/{store}', operation: 'deleteEventStore', tag: 'event-stores' },
  { routeKey: 'POST /v1/event-stores/{store}/streams/{streamId}/events', operation: 'appendEvents', tag: 'event-stores' },
  { routeKey: 'GET /v1/event-stores/{store}/streams/{streamId}/events', operation: 'readEvents', tag: 'event-stores' },
  { routeKey: 'PUT /v1/event-stores/{store}/streams/{streamId}/snapshot', operation: 'putSnapshot', tag: 'event-stores' },
  { routeKey: 'GET /v1/event-stores/{store}/streams/{streamId}/state', operation: 'loadState', tag: 'event-stores' },
  { routeKey: 'PUT /v1/event-stores/{store}/schemas/{type}/{version}', operation: 'registerEventSchema', tag: 'event-stores' },
  { routeKey: 'GET /v1/event-stores/{store}/projections/{name}', operation: 'describeProjection', tag: 'event-stores' },
  { routeKey: 'POST /v1/event-stores/{store}/projections/{name}/rebuild', operation: 'rebuildProjection', tag: 'event-stores' },
  { routeKey: 'POST /v1/exchanges/{name}/rpc', operation: 'rpc', tag: 'rpc' },
  { routeKey: 'POST /v1/replies', operation: 'sendReply', tag: 'rpc' },
  { routeKey: 'GET /v1/sagas', operation: 'listSagas', tag: 'sagas' },
  { routeKey: 'POST /v1/sagas/{name}/executions', operation: 'startSagaExecution', idempotent: true, tag: 'sagas' },
  { routeKey: 'GET /v1/sagas/{name}/executions', operation: 'listSagaExecutions', tag: 'sagas' },
  { routeKey: 'GET /v1/sagas/{name}/executions/{executionId}', operation: 'describeSagaExecution', tag: 'sagas' },
  { routeKey: 'POST /v1/tasks/success', operation: 'sendTaskSuccess', tag: 'sagas' },
  { routeKey: 'POST /v1/tasks/failure', operation: 'sendTaskFailure', tag: 'sagas' },
  // Anything else reaches the function too (a known path with another method included), so that
  // it gets a problem+json 405 or 404.
  { routeKey: '$default', operation: 'routeNotFound' },
] as const satisfies readonly RouteSpec[];

export type ApiRoute = (typeof apiRoutes)[number];
export type Operation = ApiRoute['operation'];

/** Route keys of the creating routes, which honour an Idempotency-Key header. */
export const idempotentRouteKeys: ReadonlySet<string> = new Set(apiRoutes.filter((route) => 'idempotent' in route).map((route) => route.routeKey));
