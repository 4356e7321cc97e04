import { startLocalStack } from './localstack-server.ts';
import { startMotoServer, type RunningEmulator } from './moto-server.ts';

/** What `npm start` runs the app against: moto alone (the default), or LocalStack's core beside moto. */
export const EMULATOR_PROFILES = ['moto', 'localstack'] as const;
export type EmulatorProfile = (typeof EMULATOR_PROFILES)[number];

/** LocalStack's account, which moto takes too in the profile, so that every ARN names one account. */
const LOCALSTACK_ACCOUNT = '000000000000';

export interface RunningEmulators {
  /** The general endpoint (AWS_ENDPOINT_URL). */
  readonly endpoint: string;
  /** Endpoints of single services that take precedence, by the SDK's variable name. */
  readonly serviceEndpoints: Readonly<Record<string, string>>;
  /** Which emulator serves what, for the start-up line. */
  readonly description: string;
  stop(): Promise<void>;
}

export function isEmulatorProfile(name: string): name is EmulatorProfile {
  return (EMULATOR_PROFILES as readonly string[]).includes(name);
}

/**
 * Starts a profile's emulators on free loopback ports. `localstack`: SQS, SNS, Step Functions and
 * STS on LocalStack's core, DynamoDB and DynamoDB Streams on moto (LocalStack's needs AWS's
 * DynamoDB Local, which may not be redistributed); the two start side by side, and if one fails
 * the other is stopped.
 */
export async function startEmulators(profile: EmulatorProfile, options: { readonly log?: (line: string) => void; readonly stateDir?: string } = {}): Promise<RunningEmulators> {
  if (profile === 'moto') {
    const moto = await startMotoServer({ log: options.log });
    return { endpoint: moto.endpoint, serviceEndpoints: {}, description: 'moto', stop: () => moto.stop() };
  }
  const started = await Promise.allSettled([startLocalStack(options), startMotoServer({ log: options.log, env: { MOTO_ACCOUNT_ID: LOCALSTACK_ACCOUNT } })]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((emulator) => emulator.stop()));
    throw failed.reason;
  }
  const [localStack, moto] = running as [RunningEmulator, RunningEmulator];
  return {
    endpoint: localStack.endpoint,
    // S3 (the claim check's bucket) and CloudWatch (the overview's queue ages) are not among the
    // services LocalStack runs here. moto's CloudWatch answers SQS's metrics for moto's queues only,
    // so on this profile a queue's oldest-message age is unknown (null), as on AWS before SQS reports it.
    serviceEndpoints: {
      AWS_ENDPOINT_URL_DYNAMODB: moto.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: moto.endpoint,
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: moto.endpoint,
    },
    description: `LocalStack; DynamoDB and DynamoDB Streams: ${moto.endpoint}, moto`,
    stop: async () => void (await Promise.all([localStack.stop(), moto.stop()])),
  };
}
