import { expect } from 'vitest';
import { call, uniqueName } from './client.ts';
import { receive } from './queues.ts';

/** Thin wrappers over the exchange API for scenarios; each asserts the happy-path status it expects. */
export const exchangePath = (name: string) => `/v1/exchanges/${encodeURIComponent(name)}`;

export async function declareExchange(type: string, settings: Record<string, unknown> = {}, name = uniqueName(`x-${type}`)): Promise<string> {
  const response = await call('PUT', exchangePath(name), { type, ...settings });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return name;
}

export interface BindingSpec {
  readonly exchange: string;
  readonly queue?: string;
  readonly destinationExchange?: string;
  readonly bindingKey?: string;
  readonly arguments?: Record<string, unknown>;
}

export async function bind(binding: BindingSpec): Promise<void> {
  const response = await call('POST', '/v1/bindings', binding);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

export async function publishTo(exchange: string, message: Record<string, unknown>): Promise<{ messageId: string; routedTo: number }> {
  const response = await call('POST', `${exchangePath(exchange)}/messages`, message);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body.results[0];
}

export async function testRoute(exchange: string, message: Record<string, unknown>): Promise<{ queues: string[]; exchanges: string[] }> {
  const response = await call('POST', `${exchangePath(exchange)}/test-route`, message);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/**
 * The bodies each queue holds, received (not acked) from all of them concurrently, waiting up to
 * 2 s on each so that a backend delivering asynchronously (SNS → SQS on AWS) is given time.
 */
export async function bodiesByQueue(queues: readonly string[]): Promise<Record<string, unknown[]>> {
  const received = await Promise.all(queues.map((queue) => receive(queue, { maxMessages: 10, waitSeconds: 2 })));
  return Object.fromEntries(queues.map((queue, i) => [queue, received[i]!.map((message) => message.body)]));
}
