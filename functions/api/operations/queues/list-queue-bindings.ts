import { QueueNotFoundError } from '../../../core/problems/index.ts';
import { parseQueueName } from '../../../core/schemas/queue-requests.ts';
import type { OperationHandler } from '../../http.ts';
import { bindingView } from '../exchanges/exchange-views.ts';

/** `GET /v1/queues/{name}/bindings`: the bindings that lead to the queue. */
export const listQueueBindings: OperationHandler = async (request, { registry, bindings }) => {
  const name = parseQueueName(request.pathParameters.name);
  if ((await registry.find(name, { consistent: true })) === undefined) throw new QueueNotFoundError(name);
  const toQueue = (await bindings.list()).filter((binding) => 'queue' in binding.destination && binding.destination.queue === name);
  return { status: 200, body: { bindings: toQueue.map(bindingView) } };
};
