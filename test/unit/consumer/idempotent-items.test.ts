import { IdempotencyAlreadyInProgressError, IdempotencyRecordStatus } from '@aws-lambda-powertools/idempotency';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idempotentItems } from '../../../functions/consumer/idempotent-items.ts';
import { MemoryPersistenceLayer } from '../../fixtures/consumer-memory-store.ts';
import { lambdaContext } from '../../../testing/handler-harness.ts';

const byId = (item: { id: string }) => item.id;

afterEach(() => vi.useRealTimers());

describe('Function: idempotentItems', () => {
  it('runs the handler once per key and answers a repeat with the stored result', async () => {
    const store = new MemoryPersistenceLayer();
    const handle = vi.fn(async (item: { id: string; n: number }) => ({ doubled: item.n * 2 }));
    const once = idempotentItems(handle, byId, { persistenceStore: store });

    const first = await once({ id: 'a', n: 1 }, lambdaContext());
    const repeat = await once({ id: 'a', n: 5 }, lambdaContext());

    expect(first).toEqual({ doubled: 2 });
    expect(repeat).toEqual({ doubled: 2 });
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('runs the handler again after it failed, since a failure deletes the lock', async () => {
    const store = new MemoryPersistenceLayer();
    const handle = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce('done');
    const once = idempotentItems(handle, byId, { persistenceStore: store });

    await expect(once({ id: 'a' }, lambdaContext())).rejects.toThrow('boom');
    await expect(once({ id: 'a' }, lambdaContext())).resolves.toBe('done');
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('throws IdempotencyAlreadyInProgressError for a key whose first call is still running', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const once = idempotentItems(async () => held, byId, { persistenceStore: new MemoryPersistenceLayer() });

    const first = once({ id: 'a' }, lambdaContext());
    await vi.waitFor(() => expect(once({ id: 'a' }, lambdaContext())).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError));
    release();
    await first;
  });

  it('fails, without running the handler, when the store is unavailable', async () => {
    const store = new MemoryPersistenceLayer();
    store.failing = true;
    const handle = vi.fn();
    const once = idempotentItems(handle, byId, { persistenceStore: store });

    await expect(once({ id: 'a' }, lambdaContext())).rejects.toThrow();
    expect(handle).not.toHaveBeenCalled();
  });

  it('fails, without running the handler, on an empty key', async () => {
    const handle = vi.fn();
    const once = idempotentItems(handle, () => '', { persistenceStore: new MemoryPersistenceLayer() });

    await expect(once({ id: 'a' }, lambdaContext())).rejects.toThrow();
    expect(handle).not.toHaveBeenCalled();
  });

  it('locks for the remaining time in milliseconds and keeps the record expiresAfterSeconds in seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-02T03:04:05.000Z'));
    const now = Date.now();
    const store = new MemoryPersistenceLayer();
    let whileRunning: { status: string; inProgressExpiry?: number; expiry?: number } | undefined;
    const once = idempotentItems(
      async () => {
        const [record] = store.records.values();
        whileRunning = { status: record!.getStatus(), inProgressExpiry: record!.inProgressExpiryTimestamp, expiry: record!.expiryTimestamp };
      },
      byId,
      { persistenceStore: store, expiresAfterSeconds: 600 },
    );

    await once({ id: 'a' }, { ...lambdaContext(), getRemainingTimeInMillis: () => 12_345 });

    expect(whileRunning).toEqual({ status: IdempotencyRecordStatus.INPROGRESS, inProgressExpiry: now + 12_345, expiry: now / 1000 + 600 });
    const [completed] = store.records.values();
    expect(completed!.getStatus()).toBe(IdempotencyRecordStatus.COMPLETED);
    expect(completed!.expiryTimestamp).toBe(now / 1000 + 600);
  });
});
