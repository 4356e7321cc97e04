import { createHash } from 'node:crypto';
import type { ResourceProvider } from './resource-provider.ts';

/**
 * AWS::ApiGatewayV2::Api: served by the local gateway (see http/), so nothing is created; its ID is
 * derived from its stack and logical ID and its endpoint is the local gateway's URL.
 */
export const httpApi: ResourceProvider = {
  type: 'AWS::ApiGatewayV2::Api',
  async provision(resource) {
    const apiId = createHash('sha256').update(`${resource.stackName}/${resource.logicalId}`).digest('hex').slice(0, 10);
    return { physicalId: apiId, attributes: { ApiId: apiId, ApiEndpoint: resource.gatewayUrl } };
  },
};
