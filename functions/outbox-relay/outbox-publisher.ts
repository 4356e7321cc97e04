import { ok, type RawClient } from '../../client/http.ts';
import type { OutboxDestinationKind, OutboxEntry } from '../core/outbox.ts';

/** Publishes one outbox entry through Postroom's HTTP API. */
export type OutboxPublisher = (entry: OutboxEntry) => Promise<void>;

/**
 * One request per entry, its Idempotency-Key the entry's id: the API stores the first answer for
 * the key and answers a repeat with it, so a relay that publishes an entry again (a retry after a
 * crash) publishes it once. The id is also the message's id, so consumers see the outbox's id.
 */
export function outboxPublisher(raw: RawClient, destination: { readonly kind: OutboxDestinationKind; readonly name: string }): OutboxPublisher {
  const path = { name: destination.name };
  return async ({ id, body, routingKey, key, headers }) => {
    const params = { path, header: { 'Idempotency-Key': id } };
    const value = JSON.parse(body) as unknown;
    switch (destination.kind) {
      case 'exchange':
        await ok(raw.POST('/v1/exchanges/{name}/messages', { params, body: { body: value, messageId: id, ...(routingKey !== undefined && { routingKey }), ...(headers && { headers }) } }));
        return;
      case 'queue':
        await ok(raw.POST('/v1/queues/{name}/messages', { params, body: { body: value, messageId: id, ...(headers && { headers }) } }));
        return;
      case 'stream':
        await ok(raw.POST('/v1/streams/{name}/records', { params, body: { records: [{ ...(key !== undefined && { key }), value, headers: { ...headers, 'outbox-id': id } }] } }));
        return;
    }
  };
}
