import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * Where the local runtime's AWS calls go: the emulator endpoint (moto, or LocalStack through
 * AWS_ENDPOINT_URL), with the dummy credentials emulators accept, and the service-specific endpoints
 * that take precedence over it (AWS_ENDPOINT_URL_<SERVICE>, as the SDKs resolve them). Every SDK
 * client of the runtime and of the functions it runs is configured from this one value.
 */
export interface AwsTarget {
  readonly endpoint: string;
  /**
   * Endpoints of single services, keyed by the SDK's variable name (`AWS_ENDPOINT_URL_DYNAMODB`,
   * `AWS_ENDPOINT_URL_DYNAMODB_STREAMS`, …): e.g. DynamoDB on moto while the rest is on LocalStack.
   */
  readonly serviceEndpoints: Readonly<Record<string, string>>;
  readonly region: string;
  /** The emulator's account, which appears in the ARNs it hands out. */
  readonly accountId: string;
  /** Where functions' Lambda calls go (the local runtime's Invoke endpoint); else `endpoint`. */
  readonly lambdaEndpoint?: string;
  /** Whose calls these are (e.g. a function role's session); the emulator's dummy keys by default. */
  readonly credentials?: AwsCredentials;
}

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export const emulatorCredentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const satisfies AwsCredentials;

const ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL';

/** Configuration for any SDK v3 client: `new SQSClient(clientConfig(aws))`. */
export function clientConfig(aws: Pick<AwsTarget, 'endpoint' | 'region' | 'credentials'>) {
  return { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials ?? emulatorCredentials };
}

/**
 * An SDK v3 client of the target, on its service's own endpoint if it has one: an endpoint set in
 * code wins over the environment in the SDK, so the runtime applies the SDK's precedence itself.
 */
export function createClient<T extends { readonly config: { readonly serviceId?: string }; destroy(): void }>(
  Client: new (config: ReturnType<typeof clientConfig>) => T,
  aws: Pick<AwsTarget, 'endpoint' | 'serviceEndpoints' | 'region'>,
): T {
  const client = new Client(clientConfig(aws));
  const endpoint = aws.serviceEndpoints[serviceEndpointVariable(client.config.serviceId ?? '')];
  if (!endpoint || endpoint === aws.endpoint) return client;
  client.destroy();
  return new Client(clientConfig({ endpoint, region: aws.region }));
}

/** The SDK's variable for one service (its serviceId, upper-cased, spaces as underscores): "DynamoDB Streams" → AWS_ENDPOINT_URL_DYNAMODB_STREAMS. */
export function serviceEndpointVariable(serviceId: string): string {
  return `${ENDPOINT_VARIABLE}_${serviceId.toUpperCase().replaceAll(' ', '_')}`;
}

/** The AWS_ENDPOINT_URL_<SERVICE> variables of an environment (process.env by default). */
export function serviceEndpointsOf(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith(`${ENDPOINT_VARIABLE}_`) && !!entry[1]));
}

/**
 * Asks the endpoint (STS's own, if it has one) which account it runs (moto: 123456789012, LocalStack:
 * 000000000000). `serviceEndpoints` are those of this process's environment unless given.
 */
export async function connectAws(endpoint: string, region: string, serviceEndpoints: Readonly<Record<string, string>> = serviceEndpointsOf()): Promise<AwsTarget> {
  const sts = createClient(STSClient, { endpoint, serviceEndpoints, region });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account');
    return { endpoint, serviceEndpoints, region, accountId: identity.Account };
  } catch (error) {
    throw new Error(`the AWS endpoint ${serviceEndpoints[serviceEndpointVariable('STS')] ?? endpoint} does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    sts.destroy();
  }
}
