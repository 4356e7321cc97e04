import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../lambda/local-function.ts';
import { isCustomResourceType } from './custom-resource-types.ts';
import type { ProvisionedStack } from './provision-stack.ts';
import { receiveResponse } from './response-receiver.ts';

/** CloudFormation's answer document, the part the runtime reads. */
interface CustomResourceResponse {
  readonly Status?: string;
  readonly Reason?: string;
}

/**
 * The second provisioning phase: once the stacks' functions run locally, creates each custom
 * resource (in the stacks' creation order) as CloudFormation would, by invoking its ServiceToken
 * function with a Create event and waiting for the answer at the event's ResponseURL. Creating
 * again what exists must succeed, as for every local resource.
 */
export async function provisionCustomResources(
  stacks: readonly ProvisionedStack[],
  functions: ReadonlyMap<string, LocalFunction>,
  options: { readonly host: string; readonly region: string; readonly accountId: string },
): Promise<void> {
  for (const stack of stacks) {
    for (const [logicalId, resource] of stack.resources) {
      if (!isCustomResourceType(resource.type)) continue;
      const { ServiceToken: token, ...properties } = stack.resolve(resource.definition.Properties ?? {}) as Record<string, unknown>;
      const fn = functions.get(String(token).split(':').at(-1) ?? '');
      const fail = (reason: string) => new Error(`cannot create ${logicalId} (${resource.type}) of stack ${stack.stackName}: ${reason}`);
      if (!fn) throw fail(`its ServiceToken ${String(token)} is not a function that runs locally`);

      const receiver = await receiveResponse(options.host);
      try {
        const event = {
          RequestType: 'Create',
          ServiceToken: token,
          ResponseURL: receiver.url,
          StackId: `arn:aws:cloudformation:${options.region}:${options.accountId}:stack/${stack.stackName}/local`,
          RequestId: randomUUID(),
          LogicalResourceId: logicalId,
          ResourceType: resource.type,
          ResourceProperties: { ServiceToken: token, ...properties },
        };
        const invocation = await fn.invoke(event);
        if (!invocation.ok) throw fail(`${invocation.error.errorType}: ${invocation.error.errorMessage}`);
        // The answer is PUT before the function returns, or never.
        const response = receiver.received() as CustomResourceResponse | undefined;
        if (response === undefined) throw fail('the function returned without answering at the ResponseURL');
        if (response.Status !== 'SUCCESS') throw fail(response.Reason ?? 'the function answered without a Status');
      } finally {
        receiver.close();
      }
    }
  }
}
