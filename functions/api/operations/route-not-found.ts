import { routeAdvisor, type RouteAdvisor } from '../../core/http-routes/route-advice.ts';
import { MethodNotAllowedError, RouteNotFoundError } from '../../core/problems/requests.ts';
import type { OperationHandler } from '../http.ts';
import { apiRoutes } from '../route-table.ts';

/** Built on the first unmatched request, not at every cold start of the API function. */
let advisor: RouteAdvisor | undefined;
const routeAdvice = (): RouteAdvisor => (advisor ??= routeAdvisor(apiRoutes.map((route) => route.routeKey)));

/**
 * `$default`: API Gateway sends here every request no route matched, a known path with another
 * method included: 405 with the methods it has (Allow), else 404 with the nearest route, if any.
 */
export const routeNotFound: OperationHandler = async (request) => {
  const advice = routeAdvice();
  const allowed = advice.allowedMethods(request.path);
  if (allowed.length > 0) throw new MethodNotAllowedError(request.method, request.path, allowed);
  throw new RouteNotFoundError(request.method, request.path, advice.nearestRoute(request.method, request.path));
};
