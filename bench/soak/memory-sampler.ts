import { processTree, residentBytes } from '../../testing/process-memory.ts';

export interface MemorySample {
  /** Seconds since sampling started. */
  readonly t: number;
  /** Resident bytes per process of the tree, by pid. */
  readonly processes: ReadonlyArray<{ readonly pid: number; readonly command: string; readonly rss: number }>;
  readonly total: number;
}

/** Samples the resident memory of a process and all its descendants every `intervalMs`. */
export function sampleMemory(root: number, intervalMs: number): { readonly samples: MemorySample[]; stop(): void } {
  const started = Date.now();
  const samples: MemorySample[] = [];
  const sample = () => {
    const processes = processTree(root).flatMap(({ pid, command }) => {
      const rss = residentBytes(pid);
      return rss === undefined ? [] : [{ pid, command, rss }];
    });
    samples.push({ t: (Date.now() - started) / 1000, processes, total: processes.reduce((sum, { rss }) => sum + rss, 0) });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** Least-squares slope of y over x. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

/** Growth of the total in MB per minute over the second half of the samples. */
export function secondHalfSlopeMBPerMinute(samples: readonly MemorySample[]): number {
  const end = samples.at(-1)?.t ?? 0;
  const secondHalf = samples.filter(({ t }) => t >= end / 2).map(({ t, total }) => [t / 60, total / 2 ** 20] as const);
  return slope(secondHalf);
}
