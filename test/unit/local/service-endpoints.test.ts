import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createClient, serviceEndpointsOf, serviceEndpointVariable, type AwsTarget } from '../../../local/aws/aws-target.ts';
import type { FunctionDefinition } from '../../../local/lambda/function-definition.ts';
import { lambdaEnvironment } from '../../../local/lambda/lambda-environment.ts';

const target: AwsTarget = {
  endpoint: 'http://127.0.0.1:4566',
  serviceEndpoints: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_DYNAMODB_STREAMS: 'http://127.0.0.1:5001' },
  region: 'us-east-1',
  accountId: '000000000000',
};

async function endpointOf(client: { config: { endpoint?: () => Promise<{ hostname?: string; port?: number }> }; destroy(): void }): Promise<string> {
  const endpoint = await client.config.endpoint!();
  client.destroy();
  return `${endpoint.hostname}:${endpoint.port}`;
}

describe('service-specific endpoints', () => {
  it("names a service's variable as the SDK does, from its serviceId", () => {
    expect(serviceEndpointVariable('DynamoDB Streams')).toBe('AWS_ENDPOINT_URL_DYNAMODB_STREAMS');
    expect(serviceEndpointVariable('SFN')).toBe('AWS_ENDPOINT_URL_SFN');
  });

  it('takes only the non-empty AWS_ENDPOINT_URL_<SERVICE> variables of an environment', () => {
    const env = { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_SQS: 'http://b', AWS_ENDPOINT_URL_SNS: '', AWS_REGION: 'us-east-1' };
    expect(serviceEndpointsOf(env)).toEqual({ AWS_ENDPOINT_URL_SQS: 'http://b' });
  });

  it("gives a service's own endpoint precedence over the target's, and the target's to the others", async () => {
    expect(await endpointOf(createClient(DynamoDBClient, target))).toBe('127.0.0.1:5000');
    expect(await endpointOf(createClient(DynamoDBStreamsClient, target))).toBe('127.0.0.1:5001');
    expect(await endpointOf(createClient(SQSClient, target))).toBe('127.0.0.1:4566');
    expect(await endpointOf(createClient(SFNClient, target))).toBe('127.0.0.1:4566');
  });

  it("passes every service's endpoint to a function's sandbox, the local Invoke endpoint over any Lambda one", () => {
    const definition = { name: 'fn', memorySize: 128, runtime: 'nodejs24.x', codeDirectory: '/code', handler: 'index.handler', environment: {} } as unknown as FunctionDefinition;
    const env = lambdaEnvironment(definition, { ...target, serviceEndpoints: { ...target.serviceEndpoints, AWS_ENDPOINT_URL_LAMBDA: 'http://elsewhere' }, lambdaEndpoint: 'http://127.0.0.1:7000' }, 'stream');
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:5000',
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: 'http://127.0.0.1:5001',
      AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:7000',
    });
  });
});
