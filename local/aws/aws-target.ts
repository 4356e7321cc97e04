import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * Where the local runtime's AWS calls go: the emulator endpoint (moto, or LocalStack through
 * AWS_ENDPOINT_URL), with the dummy credentials emulators accept. Every SDK client of the runtime
 * and of the functions it runs is configured from this one value.
 */
export interface AwsTarget {
  readonly endpoint: string;
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

/** Configuration for any SDK v3 client: `new SQSClient(clientConfig(aws))`. */
export function clientConfig(aws: Pick<AwsTarget, 'endpoint' | 'region' | 'credentials'>) {
  return { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials ?? emulatorCredentials };
}

/** Asks the endpoint which account it runs (moto: 123456789012, LocalStack: 000000000000). */
export async function connectAws(endpoint: string, region: string): Promise<AwsTarget> {
  const sts = new STSClient(clientConfig({ endpoint, region }));
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account');
    return { endpoint, region, accountId: identity.Account };
  } catch (error) {
    throw new Error(`the AWS endpoint ${endpoint} does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    sts.destroy();
  }
}
