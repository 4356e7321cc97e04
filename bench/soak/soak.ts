import { setTimeout as sleep } from 'node:timers/promises';
import { startPostroom } from '../../testing/npm-start.ts';
import { sampleMemory, secondHalfSlopeMBPerMinute, type MemorySample } from './memory-sampler.ts';
import { sagaOutcomes, startSagas, type SagaOutcome } from './sagas.ts';
import { SoakClient } from './soak-client.ts';
import { Throughput } from './throughput.ts';
import { declareTopology, startTraffic } from './traffic.ts';

export interface SoakOptions {
  /** Seconds of traffic. */
  readonly seconds: number;
  /** Seconds between memory samples. */
  readonly sampleSeconds: number;
  /** The most the total resident memory may grow over the second half of the run, in MB per minute. */
  readonly maxGrowthMBPerMinute: number;
}

export interface SoakReport {
  readonly options: SoakOptions;
  /** Seconds of the first and the last window compared (a minute, or half a shorter run). */
  readonly window: number;
  readonly throughput: ReadonlyArray<{ kind: string; total: number; first: number; last: number }>;
  readonly queues: ReadonlyArray<{ queue: string; published: number; received: number; lost: number; duplicated: number }>;
  readonly stream: { readonly produced: number; readonly read: number; readonly offsetGaps: number };
  readonly idempotencyViolations: number;
  readonly sagas: readonly SagaOutcome[];
  readonly serverErrors: number;
  readonly unexpected: readonly string[];
  readonly memory: readonly MemorySample[];
  readonly growthMBPerMinute: number;
  /** Why the soak failed; empty when it passed. */
  readonly failures: readonly string[];
}

/**
 * Starts `npm start` (the embedded default: the local runtime on its own emulator), drives mixed
 * traffic over the public HTTP API for `seconds`, drains the consumers, and reports throughput
 * early and late, every message's fate, 5xx answers, and the resident memory of every process it started.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const postroom = await startPostroom();
  const memory = sampleMemory(postroom.npm.pid!, options.sampleSeconds * 1000);
  try {
    const client = new SoakClient(postroom.url);
    const prefix = `soak-${Date.now().toString(36)}`;
    const topology = await declareTopology(client, prefix);
    const throughput = new Throughput();
    const traffic = startTraffic(client, topology, throughput);
    const sagas = await startSagas(client, prefix);
    await sleep(options.seconds * 1000);
    traffic.stopProducing();
    memory.stop();
    await traffic.drain(60_000);
    const outcomes = await sagaOutcomes(client, sagas, 60_000);

    const window = Math.min(60, options.seconds / 2);
    const queues = [...traffic.ledgers].map(([queue, ledger]) => ({
      queue, published: ledger.published.size, received: ledger.received.size, lost: ledger.lost(), duplicated: ledger.duplicated(),
    }));
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    const stream = { produced: sum(traffic.produced), read: sum(traffic.read), offsetGaps: traffic.offsetGaps };
    const growthMBPerMinute = secondHalfSlopeMBPerMinute(memory.samples);
    const failures = [
      ...queues.filter(({ lost }) => lost > 0).map(({ queue, lost }) => `${lost} messages lost in ${queue}`),
      ...(stream.read < stream.produced ? [`${stream.produced - stream.read} stream records produced but never read`] : []),
      ...(stream.offsetGaps > 0 ? [`${stream.offsetGaps} stream records out of offset order`] : []),
      ...(traffic.idempotencyViolations > 0 ? [`${traffic.idempotencyViolations} idempotent repeats not replayed`] : []),
      ...outcomes.filter(({ status, expected }) => status !== expected).map(({ executionId, status, expected }) => `saga ${executionId} ended ${status}, not ${expected}`),
      ...(client.serverErrors > 0 ? [`${client.serverErrors} 5xx answers`] : []),
      ...(growthMBPerMinute > options.maxGrowthMBPerMinute ? [`memory grew ${growthMBPerMinute.toFixed(1)} MB/min over the second half (bound ${options.maxGrowthMBPerMinute})`] : []),
      ...(traffic.failures.length > 0 ? [`failed requests: ${traffic.failures.join('; ')}`] : []),
    ];
    return {
      options,
      window,
      throughput: throughput.kinds().map((kind) => ({
        kind, total: throughput.total(kind), first: throughput.rate(kind, 0, window), last: throughput.rate(kind, options.seconds - window, options.seconds),
      })),
      queues,
      stream,
      idempotencyViolations: traffic.idempotencyViolations,
      sagas: outcomes,
      serverErrors: client.serverErrors,
      unexpected: client.unexpected,
      memory: memory.samples,
      growthMBPerMinute,
      failures,
    };
  } finally {
    memory.stop();
    await postroom.stop();
  }
}
