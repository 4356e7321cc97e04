import type { StackArtifact } from './assembly/read-assembly.ts';
import type { AwsClients } from './aws/aws-clients.ts';
import { functionDefinitions, type FunctionDefinition } from './lambda/function-definition.ts';
import { provisionStack, type ProvisionedStack } from './resources/provision-stack.ts';

export interface ProvisionedApp {
  readonly stacks: readonly ProvisionedStack[];
  /** The app's runnable functions, their environments resolved against the provisioned resources. */
  readonly functions: readonly FunctionDefinition[];
}

/**
 * Creates the stacks' resources on the endpoint, in the order given, and resolves what their
 * functions need to run. The runtime serves the result; tests and the benchmark call the
 * handlers in-process with the same environments.
 */
export async function provisionApp(artifacts: readonly StackArtifact[], options: { aws: AwsClients; gatewayUrl: string; log: (line: string) => void }): Promise<ProvisionedApp> {
  const stacks: ProvisionedStack[] = [];
  for (const artifact of artifacts) stacks.push(await provisionStack(artifact, options));
  return { stacks, functions: stacks.flatMap((stack) => functionDefinitions(stack, options.log)) };
}
