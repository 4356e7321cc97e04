import { EventStoreNotFoundError } from '../core/problems/index.ts';
import type { EventStoreRegistry, StoreDeclaration } from './event-store-registry.ts';

/** How long a warm container trusts a cached declaration (settings never change; a deletion shows through the log's). */
const MAX_AGE_MS = 10_000;

/** Name → declaration lookups for the event paths, cached briefly so a warm append reads no declaration. */
export class EventStoreDirectory {
  readonly #registry: EventStoreRegistry;
  readonly #now: () => number;
  readonly #cache = new Map<string, { readonly declaration: StoreDeclaration; readonly at: number }>();

  constructor(registry: EventStoreRegistry, now: () => number) {
    this.#registry = registry;
    this.#now = now;
  }

  /** @throws EventStoreNotFoundError */
  async find(name: string, options: { readonly fresh?: boolean } = {}): Promise<StoreDeclaration> {
    const cached = this.#cache.get(name);
    if (cached && !options.fresh && this.#now() - cached.at < MAX_AGE_MS) return cached.declaration;
    const declaration = await this.#registry.find(name, { consistent: options.fresh ?? false });
    if (declaration === undefined) {
      this.#cache.delete(name);
      throw new EventStoreNotFoundError(name);
    }
    this.remember(declaration);
    return declaration;
  }

  remember(declaration: StoreDeclaration): void {
    this.#cache.set(declaration.name, { declaration, at: this.#now() });
  }

  forget(name: string): void {
    this.#cache.delete(name);
  }
}
