import { expect } from 'vitest';
import { StreamRegistry } from '../../functions/adapters/stream-registry.ts';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { partitionKey } from '../../functions/core/streams/log-keys.ts';
import type { ApiClient } from '../../testing/handler-harness.ts';

/** Thin wrappers over the stream API for integration tests; each asserts the happy-path status. */
export const streamPath = (name: string) => `/v1/streams/${name}`;
export const groupPath = (stream: string, group: string) => `${streamPath(stream)}/groups/${group}`;

export async function declareStream(api: ApiClient, name: string, settings: Record<string, unknown>): Promise<void> {
  const response = await api.put(streamPath(name), settings);
  expect(response.status, JSON.stringify(response.json)).toBe(201);
}

export interface Placement {
  partition: number;
  offset: number;
  timestamp: string;
}

export async function produce(api: ApiClient, name: string, body: Record<string, unknown>): Promise<Placement[]> {
  const response = await api.post(`${streamPath(name)}/records`, body);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json.results;
}

export interface ReadRecord {
  offset: number;
  key: string | null;
  value: unknown;
  headers: Record<string, unknown>;
  timestamp: string;
}

export async function read(api: ApiClient, name: string, partition: number, query = ''): Promise<{ records: ReadRecord[]; nextOffset: number; highWatermark: number }> {
  const response = await api.get(`${streamPath(name)}/partitions/${partition}/records${query && `?${query}`}`);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
}

/** Every record of a partition from `from`, reading page after page until the high watermark. */
export async function readAll(api: ApiClient, name: string, partition: number, from = 0, limit = 1000): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  for (let offset = from; ; ) {
    const page = await read(api, name, partition, `offset=${offset}&limit=${limit}`);
    records.push(...page.records);
    offset = page.nextOffset;
    if (offset >= page.highWatermark) return records;
  }
}

/** The records-table partition key of a stream's partition, in the tables the handler's environment names. */
export async function recordsPartitionKey(stream: string, partition: number): Promise<string> {
  // Imported late, as the handler is: the clients are built for the environment the stack gives.
  const { documents } = await import('../../functions/adapters/aws-clients.ts');
  const declaration = await new StreamRegistry(documents, process.env[ApiEnvironment.metadataTable]!).find(stream, { consistent: true });
  if (declaration === undefined) throw new Error(`stream ${stream} is not declared`);
  return partitionKey(declaration, partition);
}
