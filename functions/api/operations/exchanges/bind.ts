import { validateBinding } from '../../../core/exchanges/binding-validation.ts';
import { ExchangeNotFoundError } from '../../../core/problems/index.ts';
import type { OperationHandler } from '../../http.ts';
import { parseBindingRequest } from './binding-request.ts';
import { bindingView } from './exchange-views.ts';

/**
 * `POST /v1/bindings`: RabbitMQ's queue.bind and exchange.bind. The binding is compiled for its
 * source's type before it is stored; making the same binding again changes nothing (200).
 */
export const bind: OperationHandler = async (request, { exchanges, bindings }) => {
  const binding = parseBindingRequest(request.body);
  const source = await exchanges.find(binding.source);
  if (source === undefined) throw new ExchangeNotFoundError(binding.source);
  validateBinding(source.type, binding);
  const created = await bindings.add(binding, source.type);
  return { status: created ? 201 : 200, body: bindingView(binding) };
};
