import { HttpMethod, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';

const httpMethods = new Set<string>(Object.values(HttpMethod));

/**
 * Turns a route key of the shared route table ("METHOD /path" or "$default") into the CDK's
 * HttpRouteKey, so a typo in the table fails synthesis rather than deploying a route that never matches.
 */
export function toHttpRouteKey(routeKey: string): HttpRouteKey {
  if (routeKey === '$default') return HttpRouteKey.DEFAULT;
  const [method = '', path = '', ...rest] = routeKey.split(' ');
  if (!httpMethods.has(method) || !path.startsWith('/') || rest.length > 0) {
    throw new Error(
      `invalid route key "${routeKey}": write "$default" or "METHOD /path" with one of ${[...httpMethods].join(', ')}`,
    );
  }
  return HttpRouteKey.with(path, method as HttpMethod);
}
