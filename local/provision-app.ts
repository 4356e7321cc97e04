import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { StackArtifact } from './assembly/read-assembly.ts';
import type { AwsClients } from './aws/aws-clients.ts';
import { functionRoles, writeFunctionRoles } from './iam/function-roles.ts';
import { functionDefinitions, type FunctionDefinition } from './lambda/function-definition.ts';
import { provisionStack, type ProvisionedStack } from './resources/provision-stack.ts';

export interface ProvisionedApp {
  readonly stacks: readonly ProvisionedStack[];
  /** The app's runnable functions, their environments resolved against the provisioned resources. */
  readonly functions: readonly FunctionDefinition[];
}

export interface ProvisionAppOptions {
  readonly aws: AwsClients;
  readonly gatewayUrl: string;
  readonly log: (line: string) => void;
  /**
   * A directory to write each stack's function roles to (`roles-<stack>-<hash>.json`, their policies
   * resolved), for checking the calls the functions make against them: see the README's IAM section.
   *
   * @default process.env.POSTROOM_IAM_LOG, else none
   */
  readonly iamLog?: string;
}

/**
 * Creates the stacks' resources on the endpoint, in the order given, and resolves what their
 * functions need to run, including a session of each function's role. The runtime serves the
 * result; tests and the benchmark call the handlers in-process with the same environments.
 */
export async function provisionApp(artifacts: readonly StackArtifact[], options: ProvisionAppOptions): Promise<ProvisionedApp> {
  const stacks: ProvisionedStack[] = [];
  for (const artifact of artifacts) stacks.push(await provisionStack(artifact, options));
  const functions = await Promise.all(stacks.flatMap((stack) => functionDefinitions(stack, options.log)).map((definition) => withSession(definition, options.aws)));
  const iamLog = options.iamLog ?? process.env.POSTROOM_IAM_LOG;
  if (iamLog) for (const stack of stacks) writeFunctionRoles(iamLog, stack.stackName, functionRoles(stack, functions));
  return { stacks, functions };
}

/**
 * Lambda runs each function with a session of its execution role; so does the local runtime, so
 * that the emulator sees which role made each call (emulator/call_recording.py).
 */
async function withSession(definition: FunctionDefinition, aws: AwsClients): Promise<FunctionDefinition> {
  if (!definition.roleArn) return definition;
  const { Credentials } = await aws.get(STSClient).send(
    // A session name is at most 64 characters of [\w+=,.@-], as a function name is.
    new AssumeRoleCommand({ RoleArn: definition.roleArn, RoleSessionName: definition.name.slice(0, 64) }),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) return definition;
  return { ...definition, credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken } };
}
