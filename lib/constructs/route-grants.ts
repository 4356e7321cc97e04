import { apiRoutes, type Operation } from '../../functions/api/route-table.ts';

/**
 * Per-resource access to the HTTP API. API Gateway authorizes each request with IAM on
 * `execute-api:Invoke` for `arn:…:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH`, so a grant
 * can name exact routes of one queue, exchange, stream or saga. The sets below are RabbitMQ's
 * permission model (write = publish, read = consume) cut along Postroom's routes.
 */
export const RouteGrants = {
  queuePublish: ['publish'],
  queueConsume: ['receive', 'ack', 'nack'],
  queueManageDeadLetters: ['peekDeadLetters', 'redriveDeadLetters', 'deleteDeadLetters'],
  exchangePublish: ['publishToExchange', 'rpc'],
  streamProduce: ['produceRecords'],
  streamRead: ['describeStream', 'readRecords'],
  streamConsumeGroup: ['describeGroup', 'commitOffsets', 'joinGroup', 'heartbeatMember', 'pollRecords', 'leaveGroup'],
  sagaStart: ['startSagaExecution'],
  sagaRead: ['listSagaExecutions', 'describeSagaExecution'],
} as const satisfies Record<string, readonly Operation[]>;

/** Values for a route's path parameters; a parameter left out matches any value. */
export type RouteParameters = Readonly<Record<string, string>>;

const routeKeyOf = new Map<string, string>(apiRoutes.map((route) => [route.operation, route.routeKey]));

/**
 * The `METHOD/path` part of the execute-api ARN of an operation's route, with `parameters` put in
 * and the other parameters as `*`. In IAM, `*` also matches "/"; the parameters given are names
 * that cannot hold "*" or "?", so they match exactly.
 */
export function routeResourcePath(operation: Operation, parameters: RouteParameters): string {
  const routeKey = routeKeyOf.get(operation);
  if (routeKey === undefined || routeKey === '$default') throw new Error(`operation ${operation} has no route of its own`);
  const [method, path] = routeKey.split(' ') as [string, string];
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value !== undefined && /[*?]/.test(value)) throw new Error(`a route grant cannot name ${name} ${JSON.stringify(value)}: "*" and "?" are IAM wildcards`);
    return value ?? '*';
  });
  return `${method}${filled}`;
}
