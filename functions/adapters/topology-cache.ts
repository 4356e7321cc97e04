import type { TopologySnapshot } from '../core/exchanges/topology-snapshot.ts';

/**
 * How long a warm container routes with its compiled topology before it checks the topology
 * version again (one GetItem): a change made elsewhere applies everywhere within about this long.
 */
export const TOPOLOGY_CACHE_SECONDS = 1;

/** Where the cache reads the topology from. */
export interface TopologySource {
  /** The current topology version (one strongly consistent read). */
  version(): Promise<number>;
  /** The whole topology, compiled, read after `version` was. */
  load(version: number): Promise<TopologySnapshot>;
}

/**
 * The compiled topology of a warm container. Routing reads nothing per message: the version is
 * checked at most once per TOPOLOGY_CACHE_SECONDS, and the topology is read again only when the
 * version moved. `invalidate()` makes the next use check at once (this container's own changes).
 */
export class TopologyCache {
  readonly #source: TopologySource;
  readonly #clock: () => number;
  #snapshot: TopologySnapshot | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  /** Bumped by invalidate(), so that a check already under way cannot vouch for a later change. */
  #generation = 0;
  #pending: { readonly generation: number; readonly snapshot: Promise<TopologySnapshot> } | undefined;

  constructor(source: TopologySource, clock: () => number = Date.now) {
    this.#source = source;
    this.#clock = clock;
  }

  async current(): Promise<TopologySnapshot> {
    if (this.#snapshot && this.#clock() - this.#checkedAt < TOPOLOGY_CACHE_SECONDS * 1000) return this.#snapshot;
    // Concurrent requests share one check, unless it started before the latest invalidate().
    if (this.#pending?.generation !== this.#generation) {
      const generation = this.#generation;
      const snapshot = this.#refresh(generation).finally(() => {
        if (this.#pending?.snapshot === snapshot) this.#pending = undefined;
      });
      this.#pending = { generation, snapshot };
    }
    return this.#pending.snapshot;
  }

  invalidate(): void {
    this.#generation++;
    this.#checkedAt = Number.NEGATIVE_INFINITY;
  }

  async #refresh(generation: number): Promise<TopologySnapshot> {
    // The time before the read: the snapshot is then at most TOPOLOGY_CACHE_SECONDS older than any use of it.
    const startedAt = this.#clock();
    const version = await this.#source.version();
    let snapshot = this.#snapshot;
    if (snapshot?.version !== version) snapshot = await this.#source.load(version);
    // Versions only grow: a slower, older refresh never replaces a newer snapshot.
    if (this.#snapshot === undefined || snapshot.version >= this.#snapshot.version) this.#snapshot = snapshot;
    if (generation === this.#generation) this.#checkedAt = startedAt;
    return snapshot;
  }
}
