import { describe, expect, it } from 'vitest';
import { assertAllPublished, sealMessages } from '../../../functions/core/message-sealing.ts';
import { decodeEnvelope } from '../../../functions/core/envelope.ts';
import { MessageTooLargeError, PublishIncompleteError } from '../../../functions/core/problems/index.ts';
import { MAX_UPLOAD_BYTES } from '../../../functions/core/uploads.ts';

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

  describe('a message naming an upload', () => {
    const upload = (uploadId: string) => ({ ...message(undefined, 'up'), payload: { upload: uploadId } });
    const uploadId = '0c6f2a9e-5d1b-4e3a-8f7c-2b9d4e6a1c3f';
    const claiming = { ...options, limit: 400, claimBucket: 'payloads' };

    it('is claimed by a copy of the upload to a payload object of its own, however small', () => {
      const [sealed] = sealMessages([upload(uploadId)], { ...claiming, uploads: new Map([[uploadId, 3]]) });

      expect(sealed!.claim).toEqual({ key: expect.stringMatching(/^payloads\/[0-9a-f-]{36}$/), contentType: 'application/octet-stream', copyOf: `uploads/${uploadId}` });
      expect(decodeEnvelope(sealed!.body)?.payload).toEqual({ bodyRef: { bucket: 'payloads', key: sealed!.claim!.key, encoding: 'binary', bytes: 4 } });
    });

    it('is refused with 413 when the uploaded object is over 32 MiB', () => {
      expect(() => sealMessages([upload(uploadId)], { ...claiming, uploads: new Map([[uploadId, MAX_UPLOAD_BYTES + 1]]) })).toThrow(MessageTooLargeError);
    });
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
