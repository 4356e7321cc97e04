import { randomUUID } from 'node:crypto';
import { appendRequestSchema } from '../../../core/event-store/append-request.ts';
import { packEvents } from '../../../core/event-store/event-codec.ts';
import { schemaId } from '../../../core/event-store/keys.ts';
import { MAX_APPEND_BYTES } from '../../../core/event-store/limits.ts';
import { logStreamName, parseStoreName, parseStreamId } from '../../../core/event-store/names.ts';
import { EventsTooLargeError } from '../../../core/problems/index.ts';
import { parseRequest } from '../../../core/validation.ts';
import { loadEventSchemas } from '../../event-schemas-loader.ts';
import type { OperationHandler } from '../../http.ts';

const appendRequest = appendRequestSchema(randomUUID);

/**
 * `POST /v1/event-stores/{store}/streams/{streamId}/events`: appends 1 to 100 events atomically
 * at the version the expectation allows, and to the store's log in the same transaction (see
 * EventAppender). Size and schemas are checked first: a refused append writes nothing.
 */
export const appendEvents: OperationHandler = async (request, { eventStores, streams }) => {
  const name = parseStoreName(request.pathParameters.store);
  const streamId = parseStreamId(request.pathParameters.streamId);
  const append = parseRequest(appendRequest, request.body, 'request body');
  const packed = packEvents(append.events);
  if (packed.bytes > MAX_APPEND_BYTES) throw new EventsTooLargeError(packed.bytes, MAX_APPEND_BYTES);

  const store = await eventStores.directory.find(name);
  const ids = [...new Set(append.events.map((event) => schemaId(event.type, event.schemaVersion)))];
  const [schemas, log] = await Promise.all([eventStores.registry.schemas(store, ids), streams.directory.find(logStreamName(name))]);
  if (schemas.size > 0) (await loadEventSchemas()).validateEvents(append.events, schemas);
  const result = await eventStores.appender.append(store, log, streamId, append, packed.json, request.deadline);
  return { status: 201, body: result };
};
