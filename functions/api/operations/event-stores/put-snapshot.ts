import { MAX_SNAPSHOT_BYTES } from '../../../core/event-store/limits.ts';
import { parseStoreName, parseStreamId } from '../../../core/event-store/names.ts';
import { snapshotRequestSchema } from '../../../core/event-store/snapshot-request.ts';
import { SnapshotBeyondStreamError, SnapshotTooLargeError, StreamNotFoundError } from '../../../core/problems/index.ts';
import { isoTime } from '../../../core/streams/record-view.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `PUT /v1/event-stores/{store}/streams/{streamId}/snapshot`: keeps the state the stream's events
 * up to `version` fold to. A stream's version never goes back, so a version at or below the head
 * read here stays valid: no condition is needed on the write.
 */
export const putSnapshot: OperationHandler = async (request, { eventStores, now }) => {
  const name = parseStoreName(request.pathParameters.store);
  const streamId = parseStreamId(request.pathParameters.streamId);
  const { version, state } = parseRequest(snapshotRequestSchema, request.body, 'request body');
  const text = JSON.stringify(state);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SNAPSHOT_BYTES) throw new SnapshotTooLargeError(bytes, MAX_SNAPSHOT_BYTES);
  const store = await eventStores.directory.find(name);
  const head = await eventStores.streams.head(store, streamId);
  if (head === undefined) throw new StreamNotFoundError(streamId, name);
  if (version > head.version) throw new SnapshotBeyondStreamError(streamId, version, head.version);
  const recordedAt = now().getTime();
  await eventStores.streams.putSnapshot(store, streamId, version, text, recordedAt);
  return { status: 200, body: { version, state, recordedAt: isoTime(recordedAt) } };
};
