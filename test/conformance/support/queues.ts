import { expect } from 'vitest';
import { call, uniqueName } from './client.ts';

/** Thin wrappers over the queue API for scenarios; each asserts the happy-path status it expects. */
export interface ReceivedMessage {
  messageId: string;
  receipt: string;
  body?: unknown;
  bodyBase64?: string;
  /** A claimed payload: its object, and for one too large for an answer a presigned GET of it. */
  bodyRef?: { bucket: string; key: string; encoding: 'json' | 'binary'; bytes: number };
  bodyUrl?: string;
  headers: Record<string, unknown>;
  deliveryCount: number;
  publishedAt: string;
  /** On a fifo queue. */
  groupId?: string;
}

export const queuePath = (name: string) => `/v1/queues/${encodeURIComponent(name)}`;

export async function declareQueue(settings: Record<string, unknown> = {}, name = uniqueName('q')): Promise<string> {
  const response = await call('PUT', queuePath(name), settings);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return name;
}

export async function publish(name: string, message: Record<string, unknown>): Promise<string> {
  const response = await call('POST', `${queuePath(name)}/messages`, message);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body.messageIds[0];
}

export async function publishBatch(name: string, messages: Record<string, unknown>[]): Promise<string[]> {
  const response = await call('POST', `${queuePath(name)}/messages`, { messages });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body.messageIds;
}

export async function receive(name: string, options: Record<string, unknown> = {}): Promise<ReceivedMessage[]> {
  const response = await call('POST', `${queuePath(name)}/receive`, options);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.messages;
}

/** Receives until `count` messages arrived or a receive with the given wait comes back empty. */
export async function receiveAll(name: string, count: number, options: Record<string, unknown> = {}): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  while (received.length < count) {
    const batch = await receive(name, { maxMessages: Math.min(10, count - received.length), waitSeconds: 5, ...options });
    if (batch.length === 0) break;
    received.push(...batch);
  }
  return received;
}

export async function ack(name: string, receipts: string[]) {
  const response = await call('POST', `${queuePath(name)}/ack`, { receipts });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { acked: number; failures: { receipt: string; code: string }[] };
}

export async function nack(name: string, receipts: string[], options: Record<string, unknown> = {}) {
  const response = await call('POST', `${queuePath(name)}/nack`, { receipts, ...options });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { nacked: number; failures: { receipt: string; code: string }[] };
}

export async function deadLetters(name: string, max = 10) {
  const response = await call('GET', `${queuePath(name)}/dead-letters?max=${max}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.messages as Array<{ messageId: string; body?: unknown; bodyBase64?: string; headers: Record<string, unknown>; reason: string; deliveryCount: number; deadLetteredAt: string | null }>;
}

export async function describeQueue(name: string) {
  const response = await call('GET', queuePath(name));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { name: string; messages: { ready: number; inFlight: number; delayed: number; deadLetters: number } } & Record<string, unknown>;
}
