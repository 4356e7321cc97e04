import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeReceipt, readReceipt, type Receipt } from '../../../functions/core/receipt.ts';

const receipt: Receipt = {
  queue: 'orders',
  receiptHandle: 'AQEB+handle/with=odd&chars',
  deliveryCount: 3,
  messageBody: '{"v":1,"id":"m","publishedAt":"t","headers":{},"body":"é ✓ \\u0000"}',
};

const tokenOf = (json: unknown) => deflateRawSync(JSON.stringify(json)).toString('base64url');

describe('receipt', () => {
  it('round-trips through an opaque base64url token', () => {
    const token = encodeReceipt(receipt);

    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readReceipt(token, 'orders')).toEqual({ ok: true, receipt });
  });

  it('remembers the priority level of the message', () => {
    const atLevel = { ...receipt, level: 4 };

    expect(readReceipt(encodeReceipt(atLevel), 'orders')).toEqual({ ok: true, receipt: atLevel });
  });

  it('remembers the message group of a FIFO queue', () => {
    const grouped = { ...receipt, groupId: 'customer-7' };

    expect(readReceipt(encodeReceipt(grouped), 'orders')).toEqual({ ok: true, receipt: grouped });
  });

  it('remembers when the message was delivered, so ack can measure processing time', () => {
    const delivered = { ...receipt, deliveredAt: 1_767_322_800_123 };

    expect(readReceipt(encodeReceipt(delivered), 'orders')).toEqual({ ok: true, receipt: delivered });
  });

  it('compresses a repetitive message body', () => {
    const token = encodeReceipt({ ...receipt, messageBody: 'x'.repeat(100_000) });

    expect(token.length).toBeLessThan(1_000);
    expect(readReceipt(token, 'orders')).toMatchObject({ ok: true, receipt: { messageBody: 'x'.repeat(100_000) } });
  });

  it('reports a token issued for another queue as foreign, naming that queue', () => {
    const reading = readReceipt(encodeReceipt(receipt), 'payments');

    expect(reading).toEqual({ ok: false, code: 'foreign_receipt', detail: expect.stringContaining('"orders"') });
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'abc+/='],
    ['base64url that is not deflate data', 'AAAAAAAA'],
    ['deflated text that is not JSON', deflateRawSync('hello').toString('base64url')],
    ['JSON of another shape', tokenOf({ q: 'orders', h: 'x', n: 1, b: '' })],
    ['another token version', tokenOf({ v: 2, q: 'orders', h: 'x', n: 1, b: '' })],
    ['a delivery count of 0', tokenOf({ v: 1, q: 'orders', h: 'x', n: 0, b: '' })],
    ['an empty receipt handle', tokenOf({ v: 1, q: 'orders', h: '', n: 1, b: '' })],
    ['extra members', tokenOf({ v: 1, q: 'orders', h: 'x', n: 1, b: '', extra: 1 })],
    ['a truncated token', encodeReceipt(receipt).slice(0, -6)],
  ])('rejects %s as invalid', (_case, token) => {
    expect(readReceipt(token, 'orders')).toEqual({ ok: false, code: 'invalid_receipt', detail: expect.any(String) });
  });

  it('rejects a token that inflates beyond any real receipt', () => {
    const bomb = deflateRawSync(Buffer.alloc(9 * 1024 * 1024, 0x20)).toString('base64url');

    expect(readReceipt(bomb, 'orders')).toMatchObject({ ok: false, code: 'invalid_receipt' });
  });
});
