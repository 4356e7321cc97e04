import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import type { FunctionDefinition } from '../../local/index.ts';
import { provisionApiFunction } from '../../testing/api-function.ts';
import { createApiClient, type ApiClient } from '../../testing/handler-harness.ts';

export interface QueueApi {
  readonly api: ApiClient;
  /** The SQS queue-name prefix the template gives the function. */
  readonly prefix: string;
  /** A queue name no other test uses. */
  uniqueName(label: string): string;
  /** The stack's other functions, to run in sandboxes of their own (with their own roles' sessions). */
  readonly functions: readonly FunctionDefinition[];
}

/**
 * The real API handler, called in-process, on this test file's own copy of the Postroom stack
 * (provisioned from the synthesized template in the integration project's moto). `remainingMs`
 * is the time each invocation has left (30 s).
 */
export async function startQueueApi(options: { readonly remainingMs?: number; readonly endpoint?: string } = {}): Promise<QueueApi> {
  const run = randomBytes(3).toString('hex');
  const endpoint = options.endpoint ?? inject('awsEndpoint');
  const { api, functions } = await provisionApiFunction({ assemblyDir: inject('assemblyDir'), endpoint, stackName: `PostroomTest${run}` });
  const { handler } = await import('../../functions/api/handler.ts');
  let counter = 0;
  return {
    api: createApiClient(handler, options),
    prefix: api.environment[ApiEnvironment.queueNamePrefix]!,
    uniqueName: (label) => `${label}.${run}-${++counter}`,
    functions,
  };
}
