import type { PartitionOffset } from '../../../adapters/group-offsets.ts';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { mapWithConcurrency } from '../../../core/concurrency.ts';
import { resetGroupBodySchema, type ResetTarget } from '../../../core/streams/group-requests.ts';
import { parseGroupName, parseStreamName } from '../../../core/streams/names.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { StreamServices } from '../../stream-services.ts';
import { groupView } from './group-view.ts';
import { commitWithinBounds, highestPartition } from './bounded-commits.ts';
import { partitionsOf } from './stream-view.ts';

/** Timestamp searches run at once across partitions. */
const SEARCH_CONCURRENCY = 16;

/**
 * `POST /v1/streams/{name}/groups/{group}/reset`: `kafka-consumer-groups --reset-offsets`, to the
 * log start (replay everything retained), the end (skip everything), a time, or given offsets;
 * it creates the group if needed. Answers the group as `GET` does.
 */
export const resetGroup: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  const group = parseGroupName(request.pathParameters.group);
  const { to } = parseRequest(resetGroupBodySchema, request.body, 'request body');
  return streams.directory.withStream(
    name,
    async (stream) => {
      await commitWithinBounds(streams, stream, group, await targetOffsets(streams, stream, to), now());
      return { status: 200, body: await groupView(streams, stream, group, now().getTime()) };
    },
    { partition: typeof to === 'object' && 'offsets' in to ? highestPartition(to.offsets) : undefined },
  );
};

async function targetOffsets({ reader }: StreamServices, stream: StreamDeclaration, to: ResetTarget): Promise<readonly PartitionOffset[]> {
  if (typeof to === 'object' && 'offsets' in to) return to.offsets;
  const partitions = partitionsOf(stream);
  if (to === 'earliest') return (await reader.bounds(stream, partitions)).map((bounds, partition) => ({ partition, offset: bounds.logStartOffset }));
  const ends = await reader.highWatermarks(stream, partitions);
  if (to === 'latest') return ends.map((offset, partition) => ({ partition, offset }));
  return mapWithConcurrency(partitions, SEARCH_CONCURRENCY, async (partition) => ({
    partition,
    offset: await reader.offsetForTimestamp(stream, partition, to.timestamp, ends[partition]!),
  }));
}
