import { UsageError } from './usage-error.ts';

/** The stack `npx cdk deploy` creates from this repo (bin/postroom.ts). */
export const DEFAULT_STACK = 'Postroom';
/** The output PostroomStack gives the API's URL (lib/postroom-stack.ts). */
export const API_URL_OUTPUT = 'ApiUrl';

/**
 * The API's base URL from a deployed stack's `ApiUrl` output (CloudFormation DescribeStacks, with the
 * default AWS credential chain and region), without its trailing slash.
 */
export async function stackApiUrl(stackName: string): Promise<string> {
  // Loaded only for --stack: every other command starts without the SDK.
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cloudFormation = new CloudFormationClient({});
  try {
    const { Stacks: [stack] = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const url = stack?.Outputs?.find((output) => output.OutputKey === API_URL_OUTPUT)?.OutputValue;
    if (!url) {
      const outputs = stack?.Outputs?.map((output) => output.OutputKey).join(', ') || 'none';
      throw new UsageError(`stack ${stackName} has no ${API_URL_OUTPUT} output (its outputs: ${outputs}): is it a PostroomStack?`);
    }
    return url.replace(/\/+$/, '');
  } catch (error) {
    // CloudFormation's answer for a stack that does not exist (in this account and region).
    if ((error as Error).name === 'ValidationError') throw new UsageError(`stack ${stackName}: ${(error as Error).message}`);
    throw error;
  } finally {
    cloudFormation.destroy();
  }
}
