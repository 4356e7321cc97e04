import { expect } from 'vitest';
import { call, uniqueName } from './client.ts';

/** Thin wrappers over the stream API for scenarios; each asserts the happy-path status it expects. */
export const streamPath = (name: string) => `/v1/streams/${encodeURIComponent(name)}`;

export async function declareStream(settings: Record<string, unknown>, name = uniqueName('s')): Promise<string> {
  const response = await call('PUT', streamPath(name), settings);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return name;
}

export interface Placement {
  partition: number;
  offset: number;
  timestamp: string;
}

export async function produce(name: string, body: Record<string, unknown>): Promise<Placement[]> {
  const response = await call('POST', `${streamPath(name)}/records`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.results;
}

export interface StreamRecord {
  offset: number;
  key: string | null;
  value: unknown;
  headers: Record<string, unknown>;
  timestamp: string;
}

export async function readRecords(name: string, partition: number, query = ''): Promise<{ records: StreamRecord[]; nextOffset: number; highWatermark: number }> {
  const response = await call('GET', `${streamPath(name)}/partitions/${partition}/records${query && `?${query}`}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

export async function describeGroup(name: string, group: string) {
  const response = await call('GET', `${streamPath(name)}/groups/${group}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { partitions: { partition: number; committedOffset: number | null; highWatermark: number; lag: number | null }[]; members: unknown[] };
}
