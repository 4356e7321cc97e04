import { emulatorCredentials, type AwsCredentials, type AwsTarget } from '../aws/aws-target.ts';
import type { FunctionDefinition } from './function-definition.ts';

/**
 * A sandbox's environment variables: the function's own, plus those Lambda's runtime sets, plus
 * AWS_ENDPOINT_URL and every AWS_ENDPOINT_URL_<SERVICE> of the target so that the function's SDK
 * clients reach the emulators unchanged (the SDK prefers a service's own), and its role's session as
 * Lambda passes it (so the emulator can tell which function called). A log level
 * is set as Lambda sets a function's configured application log level. There is no X-Ray daemon
 * here, so Powertools Tracer is off whatever the function's tracing setting.
 */
export function lambdaEnvironment(definition: FunctionDefinition, aws: AwsTarget, logStreamName: string, logLevel?: string): Record<string, string> {
  return {
    ...definition.environment,
    AWS_ENDPOINT_URL: aws.endpoint,
    ...aws.serviceEndpoints,
    ...(aws.lambdaEndpoint && { AWS_ENDPOINT_URL_LAMBDA: aws.lambdaEndpoint }),
    AWS_REGION: aws.region,
    AWS_DEFAULT_REGION: aws.region,
    ...credentialVariables(definition.credentials ?? emulatorCredentials),
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(definition),
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    ...(logLevel && { AWS_LAMBDA_LOG_LEVEL: logLevel }),
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    LAMBDA_TASK_ROOT: definition.codeDirectory,
    _HANDLER: definition.handler,
    POWERTOOLS_TRACE_ENABLED: 'false',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
}

export function logGroupName(definition: FunctionDefinition): string {
  return `/aws/lambda/${definition.name}`;
}

/** Credentials as Lambda hands them to a function, in the variables the SDK's default chain reads. */
export function credentialVariables(credentials: AwsCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken && { AWS_SESSION_TOKEN: credentials.sessionToken }),
  };
}
