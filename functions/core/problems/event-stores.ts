import { ProblemError } from './problem.ts';
import type { SettingDifference } from './queues.ts';

/* Problems of event stores, their event streams, snapshots and event schemas. */

export class InvalidEventStoreNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_event_store_name',
      title: 'Invalid event store name',
      detail: `${JSON.stringify(name)} is not a valid event store name: use 1 to 200 letters, digits, '.', '_' or '-' (not "." or ".." alone).`,
    });
  }
}

export class InvalidStreamIdError extends ProblemError {
  constructor(streamId: string) {
    super({
      status: 400,
      code: 'invalid_stream_id',
      title: 'Invalid stream id',
      detail: `${JSON.stringify(streamId)} is not a valid event stream id: use 1 to 200 letters, digits, '.', '_', ':', '@' or '-'.`,
    });
  }
}

export class InvalidEventTypeError extends ProblemError {
  constructor(type: string) {
    super({
      status: 400,
      code: 'invalid_event_type',
      title: 'Invalid event type',
      detail: `${JSON.stringify(type)} is not a valid event type: use 1 to 200 letters, digits, '.', '_', ':' or '-'.`,
    });
  }
}

export class InvalidProjectionNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_projection_name',
      title: 'Invalid projection name',
      detail: `${JSON.stringify(name)} is not a valid projection name: use 1 to 200 letters, digits, '.', '_' or '-'.`,
    });
  }
}

export class EventStoreNotFoundError extends ProblemError {
  constructor(name: string) {
    super({
      status: 404,
      code: 'event_store_not_found',
      title: 'Event store not found',
      detail: `Event store ${JSON.stringify(name)} does not exist; declare it with PUT /v1/event-stores/${name} first.`,
    });
  }
}

export class EventStoreExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly SettingDifference[]) {
    const listed = differences.map((d) => `${d.setting} is ${d.existing}, not ${d.requested}`).join('; ');
    super({
      status: 409,
      code: 'event_store_exists_with_different_settings',
      title: 'Event store exists with different settings',
      detail: `Event store ${JSON.stringify(name)} exists with other settings (${listed}); declare it with its settings, or delete it first.`,
      extensions: { differences },
    });
  }
}

/** The stream that would carry the store's log exists already, with another partition count. */
export class EventStoreLogTakenError extends ProblemError {
  constructor(name: string, log: string, partitions: number) {
    super({
      status: 409,
      code: 'event_store_log_taken',
      title: "The event store's log stream is taken",
      detail: `Stream ${JSON.stringify(log)}, which would carry event store ${JSON.stringify(name)}'s log, exists with ${partitions} partitions; delete it, or declare the store with partitions ${partitions}.`,
      extensions: { log, partitions },
    });
  }
}

/** KurrentDB's WrongExpectedVersion: the stream is not where the writer expected it; nothing was written. */
export class WrongExpectedVersionError extends ProblemError {
  constructor(streamId: string, expected: string | number, currentVersion: number | null) {
    const current = currentVersion === null ? 'does not exist' : `is at version ${currentVersion}`;
    super({
      status: 409,
      code: 'wrong_expected_version',
      title: 'Wrong expected version',
      detail: `Stream ${JSON.stringify(streamId)} ${current}, not ${JSON.stringify(expected)} as expected; nothing was appended. Read the stream again, decide again, and append with the new version.`,
      extensions: { currentVersion },
    });
  }
}

export class EventIdConflictError extends ProblemError {
  constructor(streamId: string, eventId: string, version: number) {
    super({
      status: 409,
      code: 'event_id_conflict',
      title: 'Event id conflict',
      detail: `Event id ${JSON.stringify(eventId)} is already stream ${JSON.stringify(streamId)}'s event ${version}, recorded with other content or in another append; nothing was appended. Give a new event a new id.`,
      extensions: { eventId, version },
    });
  }
}

export interface SchemaViolation {
  readonly eventIndex: number;
  /** JSON pointer into the request body, e.g. `/events/0/data/amount`. */
  readonly pointer: string;
  readonly message: string;
}

export class SchemaViolationError extends ProblemError {
  constructor(violations: readonly SchemaViolation[]) {
    const [first] = violations;
    super({
      status: 422,
      code: 'schema_violation',
      title: 'Schema violation',
      detail: `Event ${first!.eventIndex} does not match its type's registered schema at ${first!.pointer || '/'}: ${first!.message}; nothing was appended.`,
      extensions: { eventIndex: first!.eventIndex, pointer: first!.pointer, violations },
    });
  }
}

export class InvalidSchemaError extends ProblemError {
  constructor(reason: string) {
    super({
      status: 400,
      code: 'invalid_schema',
      title: 'Invalid JSON Schema',
      detail: `The body is not a JSON Schema this store can compile (${reason}); send a JSON Schema (draft 2020-12) object.`,
    });
  }
}

export class SchemaExistsWithDifferentDefinitionError extends ProblemError {
  constructor(type: string, version: number) {
    super({
      status: 409,
      code: 'schema_exists_with_different_definition',
      title: 'Schema exists with a different definition',
      detail: `Version ${version} of event type ${JSON.stringify(type)} has another schema registered; a registered version never changes, so register this one as version ${version + 1}.`,
    });
  }
}

export class SnapshotBeyondStreamError extends ProblemError {
  constructor(streamId: string, version: number, currentVersion: number) {
    super({
      status: 409,
      code: 'snapshot_beyond_stream',
      title: 'Snapshot beyond the stream',
      detail: `A snapshot at version ${version} is beyond stream ${JSON.stringify(streamId)}, which is at version ${currentVersion}; snapshot a version the stream has.`,
      extensions: { currentVersion },
    });
  }
}

export class EventsTooLargeError extends ProblemError {
  constructor(bytes: number, limit: number) {
    super({
      status: 413,
      code: 'events_too_large',
      title: 'Events too large',
      detail: `The append's events add up to ${bytes} bytes once encoded, over the limit of ${limit}; nothing was appended. Split them over several appends.`,
      extensions: { bytes, limit },
    });
  }
}

export class SnapshotTooLargeError extends ProblemError {
  constructor(bytes: number, limit: number) {
    super({
      status: 413,
      code: 'snapshot_too_large',
      title: 'Snapshot too large',
      detail: `The snapshot's state adds up to ${bytes} bytes once encoded, over the limit of ${limit}; nothing was written. Keep less in the snapshot.`,
      extensions: { bytes, limit },
    });
  }
}

/** No Projection construct of that name is deployed for the store (the construct registers it). */
export class ProjectionNotFoundError extends ProblemError {
  constructor(store: string, name: string) {
    super({
      status: 404,
      code: 'projection_not_found',
      title: 'Projection not found',
      detail: `No projection ${JSON.stringify(name)} of event store ${JSON.stringify(store)} is deployed; add it with broker.addProjection (postroom/cdk) and deploy, then ask again.`,
    });
  }
}

export class ProjectionRebuildRunningError extends ProblemError {
  constructor(store: string, name: string, generation: number) {
    super({
      status: 409,
      code: 'projection_rebuild_running',
      title: 'A rebuild of the projection is running',
      detail: `Projection ${JSON.stringify(name)} of event store ${JSON.stringify(store)} is being rebuilt (generation ${generation}); follow it with GET /v1/event-stores/${store}/projections/${name} and ask again once it is done.`,
      extensions: { generation },
    });
  }
}
