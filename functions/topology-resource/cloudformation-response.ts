import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';

/** CloudFormation's answer document for `event`: SUCCESS with a physical ID, or FAILED with a reason. */
export function responseFor(
  event: CloudFormationCustomResourceEvent,
  outcome: { readonly physicalId: string } & ({ readonly ok: true } | { readonly ok: false; readonly reason: string }),
): CloudFormationCustomResourceResponse {
  const common = { PhysicalResourceId: outcome.physicalId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  return outcome.ok ? { Status: 'SUCCESS', ...common } : { Status: 'FAILED', Reason: outcome.reason, ...common };
}

/**
 * Uploads the answer to the pre-signed URL CloudFormation waits on. An empty content type, as
 * cfn-response sends: the URL's signature covers no content type.
 */
export async function sendResponse(responseUrl: string, response: CloudFormationCustomResourceResponse): Promise<void> {
  const answer = await fetch(responseUrl, { method: 'PUT', headers: { 'content-type': '' }, body: JSON.stringify(response) });
  if (!answer.ok) throw new Error(`CloudFormation's response URL answered ${answer.status} ${answer.statusText}`);
}
