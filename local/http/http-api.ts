import type { LocalFunction } from '../lambda/local-function.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';
import { routeMatcher, type Route, type RouteMatcher } from './route-matcher.ts';

/** Where a route sends its requests: a Lambda proxy integration. */
export interface RouteTarget {
  readonly function: LocalFunction;
  readonly timeoutMs: number;
}

/** An AWS::ApiGatewayV2::Api (HTTP) of a stack, with its routes resolved to local functions. */
export interface HttpApi {
  readonly stackName: string;
  readonly logicalId: string;
  readonly apiId: string;
  readonly match: RouteMatcher<RouteTarget>;
}

/**
 * The stack's HTTP APIs, followed as API Gateway follows them: Route.Target (`integrations/<id>`)
 * to an AWS_PROXY Integration, IntegrationUri to a function. A route that leads nowhere local is
 * left out with a warning.
 */
export function httpApisOf(stack: ProvisionedStack, functions: ReadonlyMap<string, LocalFunction>, log: (line: string) => void): HttpApi[] {
  const ofType = (type: string) => [...stack.resources].filter(([, resource]) => resource.type === type);
  const property = (definition: { Properties?: Readonly<Record<string, unknown>> }, name: string) => stack.resolve(definition.Properties?.[name]);
  const apis: HttpApi[] = [];
  for (const [logicalId, api] of ofType('AWS::ApiGatewayV2::Api')) {
    if (property(api.definition, 'ProtocolType') !== 'HTTP') {
      log(`warning: ${logicalId} is a ${String(property(api.definition, 'ProtocolType'))} API, which is not served locally`);
      continue;
    }
    const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').filter(([, integration]) => property(integration.definition, 'ApiId') === api.physicalId).map(([, integration]) => [integration.physicalId, integration]));
    const routes: Array<Route<RouteTarget>> = [];
    const unchecked = new Set<string>();
    for (const [routeId, route] of ofType('AWS::ApiGatewayV2::Route')) {
      if (property(route.definition, 'ApiId') !== api.physicalId) continue;
      const routeKey = String(property(route.definition, 'RouteKey'));
      const skip = (reason: string) => log(`warning: route "${routeKey}" (${routeId}) is not served locally: ${reason}`);
      const integration = integrations.get(String(property(route.definition, 'Target')).replace(/^integrations\//, ''));
      if (!integration) {
        skip('its target is not an integration of the API');
        continue;
      }
      if (property(integration.definition, 'IntegrationType') !== 'AWS_PROXY' || property(integration.definition, 'PayloadFormatVersion') !== '2.0') {
        skip('only Lambda proxy integrations with payload format 2.0 are supported');
        continue;
      }
      const fn = functions.get(functionName(String(property(integration.definition, 'IntegrationUri'))));
      if (!fn) {
        skip('its function does not run locally');
        continue;
      }
      const authorization = property(route.definition, 'AuthorizationType');
      if (authorization && authorization !== 'NONE') unchecked.add(String(authorization));
      routes.push({ routeKey, target: { function: fn, timeoutMs: Number(property(integration.definition, 'TimeoutInMillis') ?? 30_000) } });
    }
    if (unchecked.size > 0) log(`${logicalId}: ${[...unchecked].join(', ')} authorization is not checked locally (the gateway listens on loopback only)`);
    apis.push({ stackName: stack.stackName, logicalId, apiId: api.physicalId, match: routeMatcher(routes) });
  }
  return apis;
}

/** The function name inside a function ARN, also when wrapped in an API Gateway invocation URI. */
function functionName(integrationUri: string): string {
  return /:function:([^:/]+)/.exec(integrationUri)?.[1] ?? integrationUri;
}
