import { pick } from '../../../testing/seeded-random.ts';

/**
 * Where a consumer can die while it handles one batch: after receiving it and before doing
 * anything, after doing the work and before acknowledging, or in the middle of acknowledging
 * (some of the batch acknowledged, the rest not).
 */
export const crashPoints = ['afterReceive', 'afterProcessing', 'duringAck'] as const;
export type CrashPoint = (typeof crashPoints)[number];

/**
 * Decides, batch by batch, whether and where the consumer crashes; counts what it decided. The
 * first crashes visit every point once (in random order), so that a run of a few dozen batches
 * always exercises all of them.
 */
export class CrashPlan {
  readonly crashes: Record<CrashPoint, number> = { afterReceive: 0, afterProcessing: 0, duringAck: 0 };
  readonly #random: () => number;
  readonly #rate: number;

  /** @param rate the share of batches during which the consumer crashes */
  constructor(random: () => number, rate: number) {
    this.#random = random;
    this.#rate = rate;
  }

  next(): CrashPoint | undefined {
    if (this.#random() >= this.#rate) return undefined;
    const unvisited = crashPoints.filter((point) => this.crashes[point] === 0);
    const point = pick(this.#random, unvisited.length > 0 ? unvisited : crashPoints);
    this.crashes[point]++;
    return point;
  }

  /** How many of `count` items a crash in the middle of handling them leaves handled: 0..count-1. */
  partOf(count: number): number {
    return Math.floor(this.#random() * count);
  }
}
