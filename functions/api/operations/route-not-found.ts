import { RouteNotFoundError } from '../../core/problems.ts';
import type { OperationHandler } from '../http.ts';

export const routeNotFound: OperationHandler = async (request) => {
  throw new RouteNotFoundError(request.method, request.path);
};
