import { partitionKey } from '../../../core/streams/log-keys.ts';
import { parseStreamName } from '../../../core/streams/names.ts';
import { StreamNotFoundError } from '../../../core/problems/index.ts';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import type { OperationHandler } from '../../http.ts';
import type { StreamServices } from '../../stream-services.ts';
import { partitionsOf } from './stream-view.ts';

/**
 * `DELETE /v1/streams/{name}`: removes the declaration, then the partitions' tails and the groups'
 * committed offsets. The records are not deleted one by one: every key of the log carries the
 * stream's incarnation, so they are unreachable at once (a new stream of the same name has another
 * incarnation) and DynamoDB's TTL removes them when their retention ends. Appends that still hold
 * the old declaration fail once its tails are gone. A crash half-way leaves small unreachable items.
 */
export const deleteStream: OperationHandler = async (request, { streams }) => {
  const name = parseStreamName(request.pathParameters.name);
  const stream = await streams.registry.find(name, { consistent: true });
  if (stream === undefined) throw new StreamNotFoundError(name);
  await removeStream(streams, stream);
  return { status: 204 };
};

/** Deletes a declared stream as deleteStream does, for the API and for an event store's log. */
export async function removeStream(streams: StreamServices, stream: StreamDeclaration): Promise<void> {
  await streams.registry.remove(stream);
  streams.directory.forget(stream.name);
  await Promise.all([
    streams.tails.remove(partitionsOf(stream).map((partition) => partitionKey(stream, partition))),
    streams.groups.removeAll(stream),
  ]);
}
