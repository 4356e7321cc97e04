/** Counts of work done over time, per kind of traffic, to compare the rate early and late in a run. */
export class Throughput {
  readonly #events = new Map<string, Array<readonly [number, number]>>();

  readonly #started: number;

  constructor(started = Date.now()) {
    this.#started = started;
  }

  add(kind: string, count: number): void {
    const events = this.#events.get(kind) ?? [];
    events.push([(Date.now() - this.#started) / 1000, count]);
    this.#events.set(kind, events);
  }

  kinds(): string[] {
    return [...this.#events.keys()];
  }

  total(kind: string): number {
    return (this.#events.get(kind) ?? []).reduce((sum, [, count]) => sum + count, 0);
  }

  /** Per second within [from, to) seconds of the start. */
  rate(kind: string, from: number, to: number): number {
    const counted = (this.#events.get(kind) ?? []).filter(([t]) => t >= from && t < to).reduce((sum, [, count]) => sum + count, 0);
    return counted / (to - from);
  }
}
