import { QueueNotFoundError } from '../core/problems/index.ts';
import { isQueueMissingError } from './aws-errors.ts';
import type { QueueRecord, QueueRegistry } from './queue-registry.ts';

/**
 * Name → declaration lookups for the message paths, cached for the life of a warm container so
 * that publishing and consuming cost SQS calls only. A declaration never changes (a redeclaration
 * must match it), so an entry goes stale only when its queue is deleted, which SQS reports as
 * QueueDoesNotExist: that forgets the entry.
 */
export class QueueDirectory {
  readonly #registry: QueueRegistry;
  readonly #cache = new Map<string, QueueRecord>();

  constructor(registry: QueueRegistry) {
    this.#registry = registry;
  }

  /** @throws QueueNotFoundError */
  async find(name: string): Promise<QueueRecord> {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    const record = await this.#registry.find(name);
    if (record === undefined) throw new QueueNotFoundError(name);
    this.#cache.set(name, record);
    return record;
  }

  forget(name: string): void {
    this.#cache.delete(name);
  }

  /** Runs `use` on the queue's record; when SQS says the queue is gone, forgets it and answers 404. */
  async withQueue<T>(name: string, use: (record: QueueRecord) => Promise<T>): Promise<T> {
    const record = await this.find(name);
    try {
      return await use(record);
    } catch (error) {
      if (!isQueueMissingError(error)) throw error;
      this.forget(name);
      throw new QueueNotFoundError(name);
    }
  }
}
