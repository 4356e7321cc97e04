import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { logger } from '../api/logger.ts';
import { getServices } from '../api/services.ts';
import { responseFor, sendResponse } from './cloudformation-response.ts';
import { applyTopology, removeTopology, type TopologyProperties } from './topology-request.ts';

/** The physical ID of a Create that failed: its Delete (on rollback) must not touch a queue it never owned. */
const FAILED_CREATE_PREFIX = 'failed:';

/**
 * The `Custom::PostroomTopology` resources' handler: declares and deletes queues, exchanges and
 * bindings through the HTTP API's operations, then answers CloudFormation at the event's
 * ResponseURL (always, or the stack would wait an hour). The answer is also returned, for callers
 * that invoke the function directly.
 */
export const handler = async (event: CloudFormationCustomResourceEvent): Promise<CloudFormationCustomResourceResponse> => {
  const response = await handle(event);
  await sendResponse(event.ResponseURL, response);
  return response;
};

async function handle(event: CloudFormationCustomResourceEvent): Promise<CloudFormationCustomResourceResponse> {
  const properties = event.ResourceProperties as unknown as TopologyProperties;
  const previousId = event.RequestType === 'Create' ? `${FAILED_CREATE_PREFIX}${event.RequestId}` : event.PhysicalResourceId;
  try {
    if (event.RequestType === 'Delete') {
      if (!previousId.startsWith(FAILED_CREATE_PREFIX)) await removeTopology(properties, getServices());
      return responseFor(event, { ok: true, physicalId: previousId });
    }
    return responseFor(event, { ok: true, physicalId: await applyTopology(properties, getServices()) });
  } catch (error) {
    logger.error('topology change failed', { requestType: event.RequestType, logicalResourceId: event.LogicalResourceId, error });
    return responseFor(event, { ok: false, physicalId: previousId, reason: (error as Error).message });
  }
}
