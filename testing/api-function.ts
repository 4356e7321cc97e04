import { AwsClients, connectAws, provisionApp, readAssembly, type FunctionDefinition } from '../local/index.ts';
import { emulatorCredentials } from '../local/aws/aws-target.ts';
import { credentialVariables } from '../local/lambda/lambda-environment.ts';

export interface ApiFunctionOptions {
  /** A synthesized Postroom app. */
  readonly assemblyDir: string;
  readonly endpoint: string;
  /** Provision the stack under this name, so that callers sharing one emulator get their own tables. */
  readonly stackName?: string;
}

/**
 * Provisions the synthesized Postroom stack on the endpoint and points this process at it with the
 * environment the template gives the API function; then the handler's source can be imported and
 * called in-process (its SDK clients read the environment when they are built).
 */
export async function provisionApiFunction(options: ApiFunctionOptions): Promise<{ api: FunctionDefinition; functions: readonly FunctionDefinition[] }> {
  const aws = new AwsClients(await connectAws(options.endpoint, 'us-east-1'));
  try {
    const artifacts = readAssembly(options.assemblyDir).map((artifact) => ({ ...artifact, stackName: options.stackName ?? artifact.stackName }));
    const { functions } = await provisionApp(artifacts, { aws, gatewayUrl: 'http://127.0.0.1', log: () => undefined });
    const api = functions.find((fn) => fn.logicalId.startsWith('ApiFunction'));
    if (!api) throw new Error(`the app in ${options.assemblyDir} has no API function`);
    // The API role's session, as the deployed function has: its calls count as the API function's.
    Object.assign(process.env, api.environment, credentialVariables(api.credentials ?? emulatorCredentials), {
      AWS_ENDPOINT_URL: options.endpoint,
      AWS_REGION: 'us-east-1',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    });
    return { api, functions };
  } finally {
    aws.destroy();
  }
}

/**
 * For a test's own SDK clients: `new SQSClient(ownClientConfig)`. provisionApiFunction puts the
 * API function's role session in this process's environment, so a client built from the
 * environment alone calls as the API function (and the suites' IAM proof checks its calls).
 */
export const ownClientConfig = { credentials: emulatorCredentials } as const;
