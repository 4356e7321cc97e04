/**
 * The HTTP API's routes: the one list that both the CDK stack (which creates an API Gateway route
 * for each) and the Lambda handler (which dispatches on the route key API Gateway matched) read.
 * Pure data: importing it must not pull in any AWS client. `idempotent` marks the routes that
 * create something and so honour an Idempotency-Key header.
 */
export const apiRoutes = [
  { routeKey: 'GET /v1/health', operation: 'health' },
  { routeKey: 'GET /v1/queues', operation: 'listQueues' },
  { routeKey: 'PUT /v1/queues/{name}', operation: 'declareQueue' },
  { routeKey: 'GET /v1/queues/{name}', operation: 'describeQueue' },
  { routeKey: 'DELETE /v1/queues/{name}', operation: 'deleteQueue' },
  { routeKey: 'POST /v1/queues/{name}/messages', operation: 'publish', idempotent: true },
  { routeKey: 'POST /v1/queues/{name}/receive', operation: 'receive' },
  { routeKey: 'POST /v1/queues/{name}/ack', operation: 'ack' },
  { routeKey: 'POST /v1/queues/{name}/nack', operation: 'nack' },
  { routeKey: 'POST /v1/queues/{name}/purge', operation: 'purgeQueue' },
  { routeKey: 'GET /v1/queues/{name}/dead-letters', operation: 'peekDeadLetters' },
  { routeKey: 'DELETE /v1/queues/{name}/dead-letters', operation: 'deleteDeadLetters' },
  { routeKey: 'POST /v1/queues/{name}/dead-letters/redrive', operation: 'redriveDeadLetters' },
  { routeKey: 'GET /v1/queues/{name}/bindings', operation: 'listQueueBindings' },
  { routeKey: 'GET /v1/exchanges', operation: 'listExchanges' },
  { routeKey: 'PUT /v1/exchanges/{name}', operation: 'declareExchange' },
  { routeKey: 'GET /v1/exchanges/{name}', operation: 'describeExchange' },
  { routeKey: 'DELETE /v1/exchanges/{name}', operation: 'deleteExchange' },
  { routeKey: 'GET /v1/exchanges/{name}/bindings', operation: 'listExchangeBindings' },
  { routeKey: 'POST /v1/exchanges/{name}/messages', operation: 'publishToExchange', idempotent: true },
  { routeKey: 'POST /v1/exchanges/{name}/test-route', operation: 'testRoute' },
  { routeKey: 'POST /v1/bindings', operation: 'bind' },
  { routeKey: 'DELETE /v1/bindings', operation: 'unbind' },
  { routeKey: 'GET /v1/streams', operation: 'listStreams' },
  { routeKey: 'PUT /v1/streams/{name}', operation: 'declareStream' },
  { routeKey: 'GET /v1/streams/{name}', operation: 'describeStream' },
  { routeKey: 'DELETE /v1/streams/{name}', operation: 'deleteStream' },
  { routeKey: 'POST /v1/streams/{name}/records', operation: 'produceRecords', idempotent: true },
  { routeKey: 'GET /v1/streams/{name}/partitions/{partition}/records', operation: 'readRecords' },
  { routeKey: 'GET /v1/streams/{name}/groups', operation: 'listGroups' },
  { routeKey: 'GET /v1/streams/{name}/groups/{group}', operation: 'describeGroup' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/offsets', operation: 'commitOffsets' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/reset', operation: 'resetGroup' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members', operation: 'joinGroup' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members/{member}/heartbeat', operation: 'heartbeatMember' },
  { routeKey: 'POST /v1/streams/{name}/groups/{group}/members/{member}/poll', operation: 'pollRecords' },
  { routeKey: 'DELETE /v1/streams/{name}/groups/{group}/members/{member}', operation: 'leaveGroup' },
  { routeKey: 'POST /v1/exchanges/{name}/rpc', operation: 'rpc' },
  { routeKey: 'POST /v1/replies', operation: 'sendReply' },
  { routeKey: 'GET /v1/sagas', operation: 'listSagas' },
  { routeKey: 'POST /v1/sagas/{name}/executions', operation: 'startSagaExecution', idempotent: true },
  { routeKey: 'GET /v1/sagas/{name}/executions', operation: 'listSagaExecutions' },
  { routeKey: 'GET /v1/sagas/{name}/executions/{executionId}', operation: 'describeSagaExecution' },
  { routeKey: 'POST /v1/tasks/success', operation: 'sendTaskSuccess' },
  { routeKey: 'POST /v1/tasks/failure', operation: 'sendTaskFailure' },
  // Anything else reaches the function too (a known path with another method included), so that
  // it gets a problem+json 405 or 404.
  { routeKey: '$default', operation: 'routeNotFound' },
] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type Operation = ApiRoute['operation'];

/** Route keys of the creating routes, which honour an Idempotency-Key header. */
export const idempotentRouteKeys: ReadonlySet<string> = new Set(apiRoutes.filter((route) => 'idempotent' in route).map((route) => route.routeKey));
