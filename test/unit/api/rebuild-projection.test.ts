import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ProjectionRebuilds } from '../../../functions/adapters/projection-rebuilds.ts';
import type { ApiRequest } from '../../../functions/api/http.ts';
import { rebuildProjection } from '../../../functions/api/operations/event-stores/rebuild-projection.ts';
import type { Services } from '../../../functions/api/services.ts';
import type { RebuildJob } from '../../../functions/core/event-store/projection-rebuild.ts';
import { ProjectionNotFoundError, ProjectionRebuildRunningError } from '../../../functions/core/problems/index.ts';

// Error paths of the rebuild route, with the AWS side faked: the integration test drives the rest.
const log = { name: 'bank.events', incarnation: 'l1', settings: { partitions: 2 } };
const request = { pathParameters: { store: 'bank', name: 'balances' } } as unknown as ApiRequest;
const job = (state: RebuildJob['state']): RebuildJob => ({ generation: 1, state, requestedAt: 0, store: { name: 'bank', incarnation: 's1' }, resumeAt: [0, 0], streams: 0, events: 0 });

function services(options: { registered: boolean; latest?: RebuildJob; documents?: DynamoDBDocumentClient }): Services {
  const rebuilds = new ProjectionRebuilds(options.documents ?? ({ send: async () => ({}) } as unknown as DynamoDBDocumentClient), 'metadata');
  rebuilds.find = async () => options.latest;
  return {
    eventStores: {
      directory: { find: async () => ({ name: 'bank', incarnation: 's1' }) },
      projections: { exists: async () => options.registered },
      rebuilds,
      recordsTable: 'records',
    },
    streams: {
      directory: { withStream: (_name: string, use: (declaration: typeof log) => unknown) => use(log) },
      reader: { highWatermarks: async () => [3, 4] },
      groups: { committed: async () => new Map() },
    },
  } as unknown as Services;
}

describe('POST …/projections/{name}/rebuild', () => {
  it('is 404 projection_not_found when no Projection construct registered the name', async () => {
    await expect(rebuildProjection(request, services({ registered: false }))).rejects.toThrow(ProjectionNotFoundError);
  });

  it('is 409 projection_rebuild_running while the latest rebuild runs', async () => {
    const error = await rebuildProjection(request, services({ registered: true, latest: job('running') })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectionRebuildRunningError);
    expect(error).toMatchObject({ status: 409, code: 'projection_rebuild_running', extensions: { generation: 1 } });
  });

  it('is 409 when another rebuild started between its read and its write (the start is conditional)', async () => {
    const documents = {
      send: async () => {
        throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] });
      },
    } as unknown as DynamoDBDocumentClient;
    await expect(rebuildProjection(request, services({ registered: true, latest: job('done'), documents }))).rejects.toThrow(ProjectionRebuildRunningError);
  });

  it('answers 202 with the new generation, running, and where to follow it', async () => {
    const result = await rebuildProjection(request, services({ registered: true, latest: job('done') }));
    expect(result).toMatchObject({ status: 202, headers: { location: '/v1/event-stores/bank/projections/balances' } });
    expect((result.body as { rebuild: unknown }).rebuild).toMatchObject({ generation: 2, state: 'running', finishedAt: null, streams: 0, events: 0 });
  });
});
