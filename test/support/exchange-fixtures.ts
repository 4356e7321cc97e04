import { expect } from 'vitest';
// A binding is the API's request body: the HTTP-only conformance support owns its type.
import type { BindingSpec } from '../conformance/support/exchanges.ts';
import type { QueueApi } from './queue-api.ts';

/** Exchanges, queues and bindings with unique names for one test, each asserting its happy-path status. */
export function exchangeFixtures({ api, uniqueName }: QueueApi) {
  return {
    async exchange(type: string, settings: Record<string, unknown> = {}): Promise<string> {
      const name = uniqueName(`x-${type}`);
      const response = await api.put(`/v1/exchanges/${name}`, { type, ...settings });
      expect(response.status, JSON.stringify(response.json)).toBe(201);
      return name;
    },

    async queue(label = 'q', settings: Record<string, unknown> = {}): Promise<string> {
      const name = uniqueName(label);
      const response = await api.put(`/v1/queues/${name}`, settings);
      expect(response.status, JSON.stringify(response.json)).toBe(201);
      return name;
    },

    async bind(binding: BindingSpec): Promise<void> {
      const response = await api.post('/v1/bindings', binding);
      expect(response.status, JSON.stringify(response.json)).toBe(201);
    },

    /** Publishes through `exchange`; answers the per-message results. */
    async publish(exchange: string, message: Record<string, unknown>): Promise<{ messageId: string; routedTo: number }[]> {
      const response = await api.post(`/v1/exchanges/${exchange}/messages`, message);
      expect(response.status, JSON.stringify(response.json)).toBe(202);
      return response.json.results;
    },

    /** The messages a queue holds (moto delivers SNS → SQS before Publish returns, so no wait is needed). */
    async received(queue: string): Promise<any[]> {
      const response = await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10 });
      return response.json.messages;
    },

    /** Messages ready or delayed in each queue: cheaper than receiving when only counts matter. */
    async stored(queues: readonly string[]): Promise<number[]> {
      const described = await Promise.all(queues.map((queue) => api.get(`/v1/queues/${queue}`)));
      return described.map(({ json }) => json.messages.ready + json.messages.delayed);
    },
  };
}
