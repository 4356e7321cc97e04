import type { Placement } from './stream-api.ts';

/**
 * A producer in a warm Lambda container of its own: the produce operation with stream services
 * (declaration cache, known tails, sticky partitions) that no other producer shares, so that
 * producers race for a partition's end as separate containers do. Failures throw their problem.
 */
export async function containerProducer(): Promise<(stream: string, body: unknown) => Promise<Placement[]>> {
  // Imported late, as the handler is: the clients are built for the environment the stack gives.
  const { documents } = await import('../../functions/adapters/aws-clients.ts');
  const { readApiConfig } = await import('../../functions/api/config.ts');
  const { operations } = await import('../../functions/api/operations/index.ts');
  const { getServices } = await import('../../functions/api/services.ts');
  const { createStreamServices } = await import('../../functions/api/stream-services.ts');
  const services = { ...getServices(), streams: createStreamServices(documents, readApiConfig()) };
  return async (stream, body) => {
    const request = { method: 'POST', path: `/v1/streams/${stream}/records`, pathParameters: { name: stream }, query: {}, queryValues: {}, body, deadline: Date.now() + 25_000 };
    const result = await operations.produceRecords(request, services);
    return (result.body as { results: Placement[] }).results;
  };
}
