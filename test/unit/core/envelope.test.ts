import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, openMessage, type Envelope } from '../../../functions/core/envelope.ts';

const base = { id: 'm-1', publishedAt: '2026-01-02T03:04:05.000Z', headers: { tenant: 'acme', n: 1, flag: false } };

describe('envelope', () => {
  it('writes the documented format, members in order', () => {
    const text = encodeEnvelope({ ...base, payload: { body: { a: 1 } } });

    expect(text).toBe(
      '{"v":1,"id":"m-1","publishedAt":"2026-01-02T03:04:05.000Z","headers":{"tenant":"acme","n":1,"flag":false},"body":{"a":1}}',
    );
  });

  it.each([null, false, 0, '', [], { nested: [1, { deep: true }] }, 'text'])('round-trips the JSON body %j', (body) => {
    const envelope: Envelope = { ...base, payload: { body } };

    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('round-trips a void (null) header', () => {
    const envelope: Envelope = { ...base, headers: { present: null }, payload: { body: 1 } };

    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('round-trips a binary body as bodyBase64', () => {
    const envelope: Envelope = { ...base, payload: { bodyBase64: 'AAEC/w==' } };

    const decoded = decodeEnvelope(encodeEnvelope(envelope));

    expect(decoded).toEqual(envelope);
    expect(decoded?.payload).not.toHaveProperty('body');
  });

  it('writes the properties of an exchange publish between headers and body, leaving out unset ones', () => {
    const text = encodeEnvelope({ ...base, headers: {}, payload: { body: 1 }, properties: { exchange: 'amq.default', routingKey: '', priority: undefined } });

    expect(text).toBe('{"v":1,"id":"m-1","publishedAt":"2026-01-02T03:04:05.000Z","headers":{},"exchange":"amq.default","routingKey":"","body":1}');
    expect(decodeEnvelope(text)?.properties).toEqual({ exchange: 'amq.default', routingKey: '' });
  });

  it('escapes U+FFFE and U+FFFF, which SQS rejects, and reads them back', () => {
    const envelope: Envelope = { ...base, headers: { '\uFFFE': '\uFFFF' }, payload: { body: 'a\uFFFFb' } };

    const text = encodeEnvelope(envelope);

    expect(text).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(text).toContain('\\uffff');
    expect(decodeEnvelope(text)).toEqual(envelope);
  });

  it.each([
    ['text that is not JSON', 'hello'],
    ['JSON that is not an object', '[1,2]'],
    ['another version', '{"v":2,"id":"a","publishedAt":"t","headers":{},"body":1}'],
    ['no body at all', '{"v":1,"id":"a","publishedAt":"t","headers":{}}'],
    ['both body kinds', '{"v":1,"id":"a","publishedAt":"t","headers":{},"body":1,"bodyBase64":"AA=="}'],
    ['headers of the wrong type', '{"v":1,"id":"a","publishedAt":"t","headers":{"h":[1]},"body":1}'],
    ['no id', '{"v":1,"publishedAt":"t","headers":{},"body":1}'],
  ])('does not take %s for an envelope', (_case, text) => {
    expect(decodeEnvelope(text)).toBeUndefined();
  });

  it('ignores members it does not know', () => {
    const text = '{"v":1,"id":"a","publishedAt":"t","headers":{},"body":1,"future":true}';

    expect(decodeEnvelope(text)).toEqual({ id: 'a', publishedAt: 't', headers: {}, payload: { body: 1 } });
  });
});

describe('openMessage', () => {
  const sqsIdentity = { messageId: 'sqs-id', publishedAt: '2026-01-01T00:00:00.000Z' };

  it('opens an envelope under its own id and time', () => {
    const text = encodeEnvelope({ ...base, payload: { body: 'hi' } });

    expect(openMessage(text, sqsIdentity)).toEqual({ messageId: 'm-1', publishedAt: base.publishedAt, headers: base.headers, payload: { body: 'hi' }, properties: {} });
  });

  it('shows a foreign message as its raw text under the SQS identity', () => {
    expect(openMessage('{"raw":true}', sqsIdentity)).toEqual({ ...sqsIdentity, headers: {}, payload: { body: '{"raw":true}' }, properties: {} });
  });

  it('opens the properties of a message published through an exchange', () => {
    const properties = { exchange: 'orders', routingKey: 'eu.created', correlationId: 'c-1', replyTo: 'replies', priority: 5, expirationMs: 60_000 };
    const text = encodeEnvelope({ ...base, payload: { body: 'hi' }, properties });

    expect(openMessage(text, sqsIdentity).properties).toEqual(properties);
  });
});
