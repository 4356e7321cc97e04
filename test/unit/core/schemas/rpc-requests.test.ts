import { describe, expect, it } from 'vitest';
import { replyRequestSchema, rpcRequestSchema } from '../../../../functions/core/schemas/rpc-requests.ts';

const correlationId = '3f7c2b37-9abb-41a0-bcb5-906b2d0f755d';
const replyTo = `rpc-${'0a'.repeat(16)}`;
const content = { headers: {}, messageId: undefined, delaySeconds: undefined, expirationMs: undefined, groupId: undefined };

describe('rpcRequestSchema', () => {
  it('defaults the routing key to "" and the timeout to 5000 ms', () => {
    expect(rpcRequestSchema.safeParse({ body: null }).data).toEqual({ message: { ...content, payload: { body: null } }, routingKey: '', timeoutMs: 5_000 });
  });

  it('parses a binary request with headers and a timeout', () => {
    expect(rpcRequestSchema.safeParse({ routingKey: 'a.b', bodyBase64: 'AAE=', headers: { h: 1 }, timeoutMs: 25_000 }).data).toEqual({
      message: { ...content, payload: { bodyBase64: 'AAE=' }, headers: { h: 1 } },
      routingKey: 'a.b',
      timeoutMs: 25_000,
    });
  });

  it.each([
    ['no payload', {}],
    ['two payloads', { body: 1, bodyBase64: 'AA==' }],
    ['a timeout of 0', { body: 1, timeoutMs: 0 }],
    ['a timeout over 25000 ms', { body: 1, timeoutMs: 25_001 }],
    ['a fractional timeout', { body: 1, timeoutMs: 1.5 }],
    ['its own replyTo', { body: 1, replyTo }],
    ['its own correlationId', { body: 1, correlationId }],
    ['a delay', { body: 1, delaySeconds: 1 }],
  ])('refuses %s', (_case, body) => {
    expect(rpcRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe('replyRequestSchema', () => {
  it('parses a reply to a reply address', () => {
    expect(replyRequestSchema.safeParse({ replyTo, correlationId, body: { ok: true }, headers: { s: 'x' } }).data).toEqual({
      message: { ...content, payload: { body: { ok: true } }, headers: { s: 'x' } },
      replyTo,
      correlationId,
    });
  });

  it.each([
    ['a queue name as replyTo', { replyTo: 'orders', correlationId, body: 1 }],
    ['no replyTo', { correlationId, body: 1 }],
    ['a correlationId that is no UUID', { replyTo, correlationId: 'abc', body: 1 }],
    ['no payload', { replyTo, correlationId }],
    ['an unknown member', { replyTo, correlationId, body: 1, routingKey: 'k' }],
  ])('refuses %s', (_case, body) => {
    expect(replyRequestSchema.safeParse(body).success).toBe(false);
  });
});
