import type { OperationHandler } from '../../http.ts';
import { parseBindingRequest } from './binding-request.ts';

/** `DELETE /v1/bindings`: removes the binding with exactly this exchange, destination, key and arguments. */
export const unbind: OperationHandler = async (request, { bindings }) => {
  await bindings.remove(parseBindingRequest(request.body));
  return { status: 204 };
};
