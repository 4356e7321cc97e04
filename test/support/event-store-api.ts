import { expect } from 'vitest';
import type { ApiClient } from '../../testing/handler-harness.ts';
import { readAll } from './stream-api.ts';

/** Thin wrappers over the event store API for integration tests; each asserts the happy-path status. */
export const storePath = (store: string) => `/v1/event-stores/${store}`;
export const eventsPath = (store: string, streamId: string) => `${storePath(store)}/streams/${streamId}/events`;

export interface EventView {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  version: number;
  recordedAt: string;
}

/** A log record's value: the event with its stream id. */
export interface LoggedEvent extends EventView {
  streamId: string;
}

export async function declareStore(api: ApiClient, store: string, settings: Record<string, unknown> = { partitions: 2 }): Promise<void> {
  const response = await api.put(storePath(store), settings);
  expect(response.status, JSON.stringify(response.json)).toBe(201);
}

export async function append(api: ApiClient, store: string, streamId: string, body: Record<string, unknown>): Promise<{ firstVersion: number; lastVersion: number }> {
  const response = await api.post(eventsPath(store, streamId), body);
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json;
}

/** Every event of a stream, in version order, page after page. */
export async function readStream(api: ApiClient, store: string, streamId: string): Promise<EventView[]> {
  const events: EventView[] = [];
  for (let from: number | null = 0; from !== null; ) {
    const response = await api.get(`${eventsPath(store, streamId)}?fromVersion=${from}&max=1000`);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    events.push(...response.json.events);
    from = response.json.nextVersion;
  }
  return events;
}

/** Every event in the store's log, partition by partition, in log order. */
export async function readLog(api: ApiClient, store: string, partitions: number): Promise<Array<LoggedEvent & { partition: number; key: string | null }>> {
  const logged = [];
  for (let partition = 0; partition < partitions; partition++) {
    const records = await readAll(api, `${store}.events`, partition);
    logged.push(...records.map((record) => ({ ...(record.value as LoggedEvent), partition, key: record.key })));
  }
  return logged;
}
