import { exchangeApiName } from '../../../core/exchanges/exchange-names.ts';
import { parseExchangeReference, testRouteRequestSchema } from '../../../core/schemas/exchange-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { topologyFor } from './routing-topology.ts';

/**
 * `POST /v1/exchanges/{name}/test-route`: where a message with this routing key and headers would
 * go, and through which exchanges, without publishing anything (like EventBridge's TestEventPattern).
 */
export const testRoute: OperationHandler = async (request, services) => {
  const exchange = parseExchangeReference(request.pathParameters.name);
  const { routingKey, headers } = parseRequest(testRouteRequestSchema, request.body, 'request body');
  const topology = await topologyFor(exchange, services);
  const { queues, exchanges } = topology.route({ exchange, routingKey, headers });
  return { status: 200, body: { queues, exchanges: exchanges.map(exchangeApiName) } };
};
