import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { createApiClient, type ApiClient } from './handler-harness.ts';
import { createMetadataTable } from './metadata-table.ts';

export interface QueueApi {
  readonly api: ApiClient;
  readonly prefix: string;
  /** A queue name no other test uses. */
  uniqueName(label: string): string;
}

/**
 * Points the AWS SDK and the API at the integration project's moto server, gives this test file
 * its own metadata table and SQS prefix, then imports the real handler (its clients read the
 * environment when they are built, so the environment must be set first).
 */
export async function startQueueApi(): Promise<QueueApi> {
  const run = randomBytes(3).toString('hex');
  const prefix = `pr${run}-`;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: inject('awsEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    [ApiEnvironment.metadataTable]: `postroom-metadata-${run}`,
    [ApiEnvironment.queueNamePrefix]: prefix,
  });
  await createMetadataTable(`postroom-metadata-${run}`);
  const { handler } = await import('../../functions/api/handler.ts');
  let counter = 0;
  return {
    api: createApiClient(handler),
    prefix,
    uniqueName: (label) => `${label}.${run}-${++counter}`,
  };
}
