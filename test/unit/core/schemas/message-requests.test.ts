import { describe, expect, it } from 'vitest';
import { publishRequestSchema, receiveRequestSchema } from '../../../../functions/core/schemas/message-requests.ts';

const parsePublish = (body: unknown) => publishRequestSchema(body).safeParse(body);

describe('publishRequestSchema', () => {
  it('parses one message into a list of one, with empty headers by default', () => {
    expect(parsePublish({ body: { a: 1 } }).data).toEqual([
      { payload: { body: { a: 1 } }, headers: {}, messageId: undefined, delaySeconds: undefined },
    ]);
  });

  it('parses a batch in request order', () => {
    const result = parsePublish({ messages: [{ body: 1 }, { bodyBase64: 'AA==', messageId: 'b', delaySeconds: 5 }] });

    expect(result.data).toEqual([
      { payload: { body: 1 }, headers: {}, messageId: undefined, delaySeconds: undefined },
      { payload: { bodyBase64: 'AA==' }, headers: {}, messageId: 'b', delaySeconds: 5 },
    ]);
  });

  it.each([null, false, 0, ''])('accepts the falsy JSON body %j as present', (body) => {
    expect(parsePublish({ body }).data?.[0]?.payload).toEqual({ body });
  });

  it('accepts 100 messages, 64 headers, 128-character header names and messageIds', () => {
    const headers = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`${i}`.padEnd(128, 'h'), i % 2 === 0 ? 'v' : true]));
    const message = { body: 1, headers, messageId: '~'.repeat(128) };

    expect(parsePublish({ messages: Array.from({ length: 100 }, () => message) }).success).toBe(true);
  });

  it('takes a void (null) header value, which RabbitMQ accepts as a header without a value', () => {
    expect(parsePublish({ body: 1, headers: { present: null } })).toMatchObject({ success: true, data: [{ headers: { present: null } }] });
  });

  it.each([
    ['neither body kind', { headers: {} }],
    ['both body kinds', { body: 1, bodyBase64: 'AA==' }],
    ['unpadded base64', { bodyBase64: 'AA' }],
    ['base64 with spaces', { bodyBase64: 'AA ==' }],
    ['65 headers', { body: 1, headers: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`h${i}`, 1])) }],
    ['an empty header name', { body: 1, headers: { '': 1 } }],
    ['a 129-character header name', { body: 1, headers: { ['h'.repeat(129)]: 1 } }],
    ['the header name __proto__', JSON.parse('{"body":1,"headers":{"__proto__":"x"}}')],
    ['an array header value', { body: 1, headers: { h: [1] } }],
    ['an empty messageId', { body: 1, messageId: '' }],
    ['a 129-character messageId', { body: 1, messageId: 'm'.repeat(129) }],
    ['a messageId with a control character', { body: 1, messageId: 'a\nb' }],
    ['a negative delay', { body: 1, delaySeconds: -1 }],
    ['a delay over 900 s', { body: 1, delaySeconds: 901 }],
    ['an unknown member', { body: 1, ttl: 5 }],
    ['no messages in a batch', { messages: [] }],
    ['101 messages', { messages: Array.from({ length: 101 }, () => ({ body: 1 })) }],
    ['a batch with other members', { messages: [{ body: 1 }], headers: {} }],
    ['a body that is not an object', 'hello'],
    ['no body at all', undefined],
  ])('rejects %s', (_case, body) => {
    expect(parsePublish(body).success).toBe(false);
  });
});

describe('receiveRequestSchema', () => {
  it('defaults to one message without waiting, acked explicitly', () => {
    expect(receiveRequestSchema.parse(undefined)).toEqual({ maxMessages: 1, waitSeconds: 0, ack: 'explicit' });
  });

  it.each([
    [{ maxMessages: 10, waitSeconds: 20, visibilityTimeoutSeconds: 43_200 }, true],
    [{ visibilityTimeoutSeconds: 0 }, true],
    [{ maxMessages: 0 }, false],
    [{ maxMessages: 11 }, false],
    [{ waitSeconds: 21 }, false],
    [{ visibilityTimeoutSeconds: 43_201 }, false],
    [{ ack: 'auto' }, true],
    [{ ack: 'explicit' }, true],
    [{ ack: 'manual' }, false],
    [{ ack: true }, false],
  ])('validates %j: %s', (body, valid) => {
    expect(receiveRequestSchema.safeParse(body).success).toBe(valid);
  });
});
