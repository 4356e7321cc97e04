import { InvalidEventStoreNameError, InvalidEventTypeError, InvalidProjectionNameError, InvalidStreamIdError } from '../problems/index.ts';

// A store's log is the Postroom stream `<store>.events`, which must stay a valid stream name (249 at most).
export const storeNamePattern = /^[A-Za-z0-9._-]{1,200}$/;
// No '#': key parts are joined with it.
export const streamIdPattern = /^[A-Za-z0-9._:@-]{1,200}$/;
export const eventTypePattern = /^[A-Za-z0-9._:-]{1,200}$/;

/** The Postroom stream that carries a store's log. */
export const logStreamName = (store: string): string => `${store}.events`;

// A projection is a consumer group of its store's log, whose names allow 255 characters.
export const projectionNamePattern = /^[A-Za-z0-9._-]{1,200}$/;

/** The consumer group a projection reads its store's log in. */
export const projectionGroupName = (projection: string): string => `projection.${projection}`;

/** The `{store}` path parameter, or a 400 `invalid_event_store_name`. */
export function parseStoreName(raw: string | undefined): string {
  if (raw === undefined || !storeNamePattern.test(raw) || raw === '.' || raw === '..') throw new InvalidEventStoreNameError(raw ?? '');
  return raw;
}

/** The `{streamId}` path parameter, or a 400 `invalid_stream_id`. */
export function parseStreamId(raw: string | undefined): string {
  if (raw === undefined || !streamIdPattern.test(raw)) throw new InvalidStreamIdError(raw ?? '');
  return raw;
}

/** The `{type}` path parameter, or a 400 `invalid_event_type`. */
export function parseEventType(raw: string | undefined): string {
  if (raw === undefined || !eventTypePattern.test(raw)) throw new InvalidEventTypeError(raw ?? '');
  return raw;
}

/** The `{name}` path parameter of a projection, or a 400 `invalid_projection_name`. */
export function parseProjectionName(raw: string | undefined): string {
  if (raw === undefined || !projectionNamePattern.test(raw)) throw new InvalidProjectionNameError(raw ?? '');
  return raw;
}
