import { describe, expect, it } from 'vitest';
import { claimPayload, countFittingAnswer, MAX_ANSWER_BYTES, MAX_CLAIMED_PAYLOAD_BYTES, PAYLOAD_EXPIRY_DAYS, payloadBytes, restorePayload } from '../../../functions/core/claim-check.ts';
import { decodeEnvelope, encodeEnvelope, openMessage, type Envelope } from '../../../functions/core/envelope.ts';
import { sealMessages } from '../../../functions/core/message-sealing.ts';
import { MessageTooLargeError } from '../../../functions/core/problems/index.ts';
import { SqsLimits } from '../../../functions/core/sqs-limits.ts';

const base = { id: 'm-1', publishedAt: '2026-01-02T03:04:05.000Z', headers: {} };
const reference = { bucket: 'payloads-bucket', key: 'payloads/0b3c', encoding: 'json', bytes: 12 } as const;
const message = (payload: { body: unknown } | { bodyBase64: string }, headers = {}) => ({ payload, headers, messageId: undefined, delaySeconds: undefined, expirationMs: undefined, groupId: undefined });
const options = { publishedAt: base.publishedAt, limit: 300, sizeOf: (body: string) => body.length, claimBucket: 'payloads-bucket' };

describe('the reference envelope', () => {
  it('writes "bodyRef" in place of the body, and reads it back', () => {
    const envelope: Envelope = { ...base, payload: { bodyRef: reference } };
    const text = encodeEnvelope(envelope);

    expect(text).toBe('{"v":1,"id":"m-1","publishedAt":"2026-01-02T03:04:05.000Z","headers":{},"bodyRef":{"bucket":"payloads-bucket","key":"payloads/0b3c","encoding":"json","bytes":12}}');
    expect(decodeEnvelope(text)).toEqual(envelope);
    expect(openMessage(text, { messageId: 'sqs', publishedAt: null }).payload).toEqual({ bodyRef: reference });
  });

  it.each([
    ['a body beside it', { body: 1 }],
    ['bodyBase64 beside it', { bodyBase64: 'AA==' }],
  ])('is not an envelope with %s', (_, other) => {
    const text = JSON.stringify({ v: 1, ...base, bodyRef: reference, ...other });

    expect(decodeEnvelope(text)).toBeUndefined();
  });

  it('is not an envelope with a reference of another shape', () => {
    expect(decodeEnvelope(JSON.stringify({ v: 1, ...base, bodyRef: { ...reference, encoding: 'gzip' } }))).toBeUndefined();
  });
});

describe('claimPayload and restorePayload', () => {
  it.each([null, 'text', { nested: [1, { deep: true }] }, 'ünïcödé ✓'])('store a JSON body %j as its JSON text and restore it', (body) => {
    const { payload, object } = claimPayload({ body }, 'b');

    expect(object).toMatchObject({ key: expect.stringMatching(/^payloads\/[0-9a-f-]{36}$/), contentType: 'application/json', content: JSON.stringify(body) });
    expect(payload.bodyRef).toEqual({ bucket: 'b', key: object.key, encoding: 'json', bytes: Buffer.byteLength(JSON.stringify(body)) });
    expect(restorePayload(payload.bodyRef, Buffer.from(object.content))).toEqual({ body });
  });

  it('stores a binary body as its bytes and restores the same base64', () => {
    const bodyBase64 = Buffer.from([0, 1, 2, 255, 254]).toString('base64');
    const { payload, object } = claimPayload({ bodyBase64 }, 'b');

    expect(object.contentType).toBe('application/octet-stream');
    expect([...(object.content as Uint8Array)]).toEqual([0, 1, 2, 255, 254]);
    expect(payload.bodyRef).toMatchObject({ encoding: 'binary', bytes: bodyBase64.length });
    expect(restorePayload(payload.bodyRef, object.content as Uint8Array)).toEqual({ bodyBase64 });
  });

  it('gives each claim a key of its own', () => {
    expect(claimPayload({ body: 1 }, 'b').object.key).not.toBe(claimPayload({ body: 1 }, 'b').object.key);
  });
});

describe('sealMessages with a payload bucket', () => {
  it('leaves a message within the limit inline', () => {
    const [sealed] = sealMessages([message({ body: 'small' })], options);

    expect(sealed!.claim).toBeUndefined();
    expect(decodeEnvelope(sealed!.body)?.payload).toEqual({ body: 'small' });
  });

  it('claims the payload of a message over the limit: the envelope refers to the object to store', () => {
    const body = 'x'.repeat(1000);
    const [sealed] = sealMessages([message({ body }, { tenant: 'acme' })], options);

    expect(sealed!.claim).toMatchObject({ contentType: 'application/json', content: JSON.stringify(body) });
    expect(decodeEnvelope(sealed!.body)).toMatchObject({ headers: { tenant: 'acme' }, payload: { bodyRef: { bucket: 'payloads-bucket', key: sealed!.claim!.key, encoding: 'json', bytes: 1002 } } });
  });

  it('refuses with 413 a payload over the claim check maximum, naming that maximum', () => {
    const body = 'x'.repeat(MAX_CLAIMED_PAYLOAD_BYTES - 1); // 2 quotes make it one byte too many

    expect(() => sealMessages([message({ body })], options)).toThrow(
      expect.objectContaining({ constructor: MessageTooLargeError, extensions: expect.objectContaining({ bytes: MAX_CLAIMED_PAYLOAD_BYTES + 1, limit: MAX_CLAIMED_PAYLOAD_BYTES }) }),
    );
  });

  it('refuses with 413 a message whose headers alone are over the limit', () => {
    expect(() => sealMessages([message({ body: 'x'.repeat(1000) }, { big: 'h'.repeat(400) })], options)).toThrow(
      expect.objectContaining({ constructor: MessageTooLargeError, extensions: expect.objectContaining({ limit: 300 }) }),
    );
  });

  it('refuses with 413 over the limit without a payload bucket, as before', () => {
    expect(() => sealMessages([message({ body: 'x'.repeat(1000) })], { ...options, claimBucket: undefined })).toThrow(
      expect.objectContaining({ constructor: MessageTooLargeError, extensions: expect.objectContaining({ limit: 300 }) }),
    );
  });
});

describe('countFittingAnswer', () => {
  const MiB = 1024 * 1024;

  it('takes items from the first while their bytes add up to at most the answer budget', () => {
    expect(countFittingAnswer([2 * MiB, 2 * MiB, 1 * MiB, 1 * MiB], (bytes) => bytes)).toBe(3);
    expect(countFittingAnswer([1, 2, 3], (bytes) => bytes)).toBe(3);
    expect(countFittingAnswer([], (bytes: number) => bytes)).toBe(0);
  });

  it('always takes the first, and one payload of the largest size fits with room for its message', () => {
    expect(countFittingAnswer([10 * MiB, 1], (bytes) => bytes)).toBe(1);
    expect(MAX_ANSWER_BYTES - MAX_CLAIMED_PAYLOAD_BYTES).toBeGreaterThanOrEqual(512 * 1024);
    expect(MAX_ANSWER_BYTES).toBeLessThan(6_291_456);
  });
});

describe('payload limits', () => {
  it('counts a body as its JSON text and a binary one as its base64 text', () => {
    expect(payloadBytes({ body: 'é' })).toBe(4);
    expect(payloadBytes({ bodyBase64: 'AAEC' })).toBe(4);
  });

  it('keeps objects 29 days: the longest SQS retention twice (a FIFO dead-letter queue restarts it) and a day', () => {
    expect(SqsLimits.maxRetentionSeconds).toBe(14 * 86_400);
    expect(PAYLOAD_EXPIRY_DAYS).toBe(29);
  });
});
