/**
 * The HTTP API's routes: the one list that both the CDK stack (which creates an API Gateway route
 * for each) and the Lambda handler (which dispatches on the route key API Gateway matched) read.
 * Pure data: importing it must not pull in any AWS client.
 */
export const apiRoutes = [
  { routeKey: 'GET /v1/health', operation: 'health' },
  { routeKey: 'GET /v1/queues', operation: 'listQueues' },
  { routeKey: 'PUT /v1/queues/{name}', operation: 'declareQueue' },
  { routeKey: 'GET /v1/queues/{name}', operation: 'describeQueue' },
  { routeKey: 'DELETE /v1/queues/{name}', operation: 'deleteQueue' },
  { routeKey: 'POST /v1/queues/{name}/messages', operation: 'publish' },
  { routeKey: 'POST /v1/queues/{name}/receive', operation: 'receive' },
  { routeKey: 'POST /v1/queues/{name}/ack', operation: 'ack' },
  { routeKey: 'POST /v1/queues/{name}/nack', operation: 'nack' },
  { routeKey: 'GET /v1/queues/{name}/dead-letters', operation: 'peekDeadLetters' },
  { routeKey: 'POST /v1/queues/{name}/dead-letters/redrive', operation: 'redriveDeadLetters' },
  // Anything else reaches the function too, so that unknown paths get a problem+json 404.
  { routeKey: '$default', operation: 'routeNotFound' },
] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type Operation = ApiRoute['operation'];
