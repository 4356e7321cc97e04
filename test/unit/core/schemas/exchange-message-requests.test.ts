import { describe, expect, it } from 'vitest';
import { exchangePublishRequestSchema } from '../../../../functions/core/schemas/exchange-message-requests.ts';

const parse = (body: unknown) => exchangePublishRequestSchema(body).safeParse(body);

describe('exchangePublishRequestSchema', () => {
  it('parses one message with an empty routing key, not mandatory, by default', () => {
    expect(parse({ body: 1 }).data).toEqual([
      {
        payload: { body: 1 },
        headers: {},
        messageId: undefined,
        delaySeconds: undefined,
        expirationMs: undefined,
        routingKey: '',
        properties: { correlationId: undefined, replyTo: undefined, priority: undefined },
        mandatory: false,
      },
    ]);
  });

  it('parses a batch with every property', () => {
    const message = { bodyBase64: 'AA==', routingKey: 'a.b', correlationId: 'c', replyTo: 'r', priority: 255, expirationMs: 1, mandatory: true, delaySeconds: 900 };

    expect(parse({ messages: [message, { body: null }] }).data?.[0]).toMatchObject({
      payload: { bodyBase64: 'AA==' },
      routingKey: 'a.b',
      properties: { correlationId: 'c', replyTo: 'r', priority: 255 },
      expirationMs: 1,
      mandatory: true,
      delaySeconds: 900,
    });
  });

  it.each([
    ['a priority over 255', { body: 1, priority: 256 }],
    ['a zero expiration', { body: 1, expirationMs: 0 }],
    ['a fractional expiration', { body: 1, expirationMs: 1.5 }],
    ['an empty correlation id', { body: 1, correlationId: '' }],
    ['a reply address over 255 bytes', { body: 1, replyTo: 'é'.repeat(128) }],
    ['a routing key over 255 bytes', { body: 1, routingKey: 'k'.repeat(256) }],
    ['a mandatory that is not a boolean', { body: 1, mandatory: 'yes' }],
    ['no body', { routingKey: 'k' }],
    ['101 messages', { messages: Array.from({ length: 101 }, () => ({ body: 1 })) }],
  ])('refuses %s', (_case, body) => {
    expect(parse(body).success).toBe(false);
  });
});
