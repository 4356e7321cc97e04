import { describe, expect, it } from 'vitest';
import { assertAllPublished, sealMessages } from '../../../functions/core/message-sealing.ts';
import { decodeEnvelope } from '../../../functions/core/envelope.ts';
import { MessageTooLargeError, PublishIncompleteError } from '../../../functions/core/problems/index.ts';

const message = (body: unknown, messageId?: string, expirationMs?: number) => ({ payload: { body }, headers: {}, messageId, delaySeconds: undefined, expirationMs, groupId: undefined });
const options = { publishedAt: '2026-01-02T03:04:05.000Z', limit: 200, sizeOf: (body: string) => body.length };

describe('sealMessages', () => {
  it('wraps each message in its envelope under its own id, or a new UUID, with its properties', () => {
    const sealed = sealMessages([message(1, 'given'), message(2)], { ...options, properties: () => ({ exchange: 'x', routingKey: 'k' }) });

    expect(sealed[0]!.id).toBe('given');
    expect(sealed[1]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeEnvelope(sealed[1]!.body)).toMatchObject({ id: sealed[1]!.id, payload: { body: 2 }, properties: { exchange: 'x', routingKey: 'k' } });
  });

  it('records a per-message TTL with the time it ends, after the other properties', () => {
    const [sealed] = sealMessages([message(1, 'ttl', 1500)], { ...options, properties: () => ({ exchange: 'x' }) });

    expect(decodeEnvelope(sealed!.body)?.properties).toEqual({ exchange: 'x', expirationMs: 1500, expiresAt: '2026-01-02T03:04:06.500Z' });
  });

  it('refuses the request with 413 naming the first message over the limit', () => {
    expect(() => sealMessages([message('ok'), message('x'.repeat(200), 'big')], options)).toThrow(MessageTooLargeError);
  });
});

describe('assertAllPublished', () => {
  const sealed = [
    { id: 'a', body: '' },
    { id: 'b', body: '' },
  ];

  it('passes when every message was accepted', () => {
    expect(() => assertAllPublished(sealed, [true, true])).not.toThrow();
  });

  it('names the published and the failed messages otherwise', () => {
    expect(() => assertAllPublished(sealed, [true, false])).toThrow(
      expect.objectContaining({ constructor: PublishIncompleteError, extensions: { publishedMessageIds: ['a'], failedMessageIds: ['b'] } }),
    );
  });
});
