import { describe, expect, it } from 'vitest';
import { TOPOLOGY_CACHE_SECONDS, TopologyCache, type TopologySource } from '../../../functions/adapters/topology-cache.ts';
import { TopologySnapshot } from '../../../functions/core/exchanges/topology-snapshot.ts';

/** A source whose version the test moves, counting what the cache reads. */
class FakeSource implements TopologySource {
  current = 1;
  versionReads = 0;
  loads = 0;

  async version(): Promise<number> {
    this.versionReads++;
    return this.current;
  }

  async load(version: number): Promise<TopologySnapshot> {
    this.loads++;
    return new TopologySnapshot(version, { exchanges: [], bindings: [], queues: [] });
  }
}

function setUp() {
  const source = new FakeSource();
  const clock = { now: 0 };
  const cache = new TopologyCache(source, () => clock.now);
  return { source, clock, cache };
}

describe('Class: TopologyCache', () => {
  it('reads the version and the topology once, then nothing within the cache period', async () => {
    const { source, clock, cache } = setUp();

    await cache.current();
    clock.now = TOPOLOGY_CACHE_SECONDS * 1000 - 1;
    const snapshot = await cache.current();

    expect([source.versionReads, source.loads, snapshot.version]).toEqual([1, 1, 1]);
  });

  it('checks the version once the period is over, and reloads only when it moved', async () => {
    const { source, clock, cache } = setUp();
    await cache.current();

    clock.now = TOPOLOGY_CACHE_SECONDS * 1000;
    await cache.current();
    source.current = 2;
    clock.now *= 2;
    const moved = await cache.current();

    expect([source.versionReads, source.loads, moved.version]).toEqual([3, 2, 2]);
  });

  it('checks again at once after invalidate(), as after a change by this container', async () => {
    const { source, cache } = setUp();
    await cache.current();

    source.current = 2;
    cache.invalidate();

    expect((await cache.current()).version).toBe(2);
  });

  it('shares one check among concurrent requests', async () => {
    const { source, cache } = setUp();

    await Promise.all([cache.current(), cache.current(), cache.current()]);

    expect([source.versionReads, source.loads]).toEqual([1, 1]);
  });

  it('does not let a check that started before invalidate() vouch for the change', async () => {
    const { source, cache } = setUp();
    const before = cache.current(); // reads version 1
    source.current = 2;
    cache.invalidate();

    const [stale, fresh] = await Promise.all([before, cache.current()]);

    expect([stale.version, fresh.version]).toEqual([1, 2]);
    expect((await cache.current()).version).toBe(2);
  });
});
