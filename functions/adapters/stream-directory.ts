import { PartitionOutOfRangeError, StreamNotFoundError } from '../core/problems/index.ts';
import type { StreamDeclaration, StreamRegistry } from './stream-registry.ts';

/**
 * How long a warm container trusts a cached declaration. Partitions may grow meanwhile: until the
 * entry is refreshed, keyed records are hashed over the old count, as a Kafka producer does until
 * its metadata refreshes (metadata.max.age.ms, 5 minutes by default).
 */
const MAX_AGE_MS = 10_000;

export interface StreamLookup {
  readonly fresh?: boolean;
  /** A partition the caller is about to use. */
  readonly partition?: number | undefined;
}

/** Name → declaration lookups for the record paths, cached briefly so a warm append reads nothing. */
export class StreamDirectory {
  readonly #registry: StreamRegistry;
  readonly #now: () => number;
  readonly #cache = new Map<string, { readonly declaration: StreamDeclaration; readonly at: number }>();

  constructor(registry: StreamRegistry, now: () => number) {
    this.#registry = registry;
    this.#now = now;
  }

  /**
   * The stream's declaration; `fresh` reads it strongly consistently. With `partition`, one that
   * has that partition: a cached one with fewer partitions is read again first, since another
   * container may have added partitions.
   * @throws StreamNotFoundError
   * @throws PartitionOutOfRangeError
   */
  async find(name: string, options: StreamLookup = {}): Promise<StreamDeclaration> {
    const cached = this.#cache.get(name);
    const usable = cached && !options.fresh && this.#now() - cached.at < MAX_AGE_MS && (options.partition ?? 0) < cached.declaration.settings.partitions;
    if (usable) return cached.declaration;
    const declaration = await this.#registry.find(name, { consistent: options.fresh || options.partition !== undefined });
    if (declaration === undefined) {
      this.#cache.delete(name);
      throw new StreamNotFoundError(name);
    }
    this.remember(declaration);
    const { partitions } = declaration.settings;
    if (options.partition !== undefined && options.partition >= partitions) throw new PartitionOutOfRangeError(name, options.partition, partitions);
    return declaration;
  }

  remember(declaration: StreamDeclaration): void {
    this.#cache.set(declaration.name, { declaration, at: this.#now() });
  }

  forget(name: string): void {
    this.#cache.delete(name);
  }

  /** Runs `use` on the stream's declaration; when it finds the stream gone, forgets it before the 404. */
  async withStream<T>(name: string, use: (declaration: StreamDeclaration) => Promise<T>, lookup: StreamLookup = {}): Promise<T> {
    const declaration = await this.find(name, lookup);
    try {
      return await use(declaration);
    } catch (error) {
      if (error instanceof StreamNotFoundError) this.forget(name);
      throw error;
    }
  }
}
