import { PostroomClient } from '../client/index.ts';
import { installLocalStack, NoPythonForLocalStack } from '../local/emulator/localstack-install.ts';
import type { EmulatorProfile } from '../local/emulator/emulator-profile.ts';
import { startPostroom } from '../testing/npm-start.ts';
import { median } from './cold-init.ts';

/** One emulator profile's figures from the same workload over `npm start`'s HTTP API. */
export interface ProfileFigures {
  readonly profile: EmulatorProfile;
  /** From spawning `npm start` to its "running" line. */
  readonly startSeconds: number;
  /** Median latency of a one-message publish. */
  readonly publishMs: number;
  /** Messages per second published one per request, and 100 per request. */
  readonly publishSingleRate: number;
  readonly publishBatchRate: number;
  /** Messages per second received 10 at a time and acked 10 at a time. */
  readonly consumeRate: number;
  /** Median latency of a one-message publish to a fanout exchange bound to 3 queues. */
  readonly exchangePublishMs: number;
}

export type ProfileRun = ProfileFigures | { readonly profile: EmulatorProfile; readonly skipped: string };

const SINGLE = 200;
const BATCHED = 1_000;
const FAN_OUT = 3;

/**
 * The same queue and exchange workload on each profile's `npm start`, one after the other in one run,
 * through the public API with the typed client (calls per message are the same by design: the
 * handlers and their SDK calls do not change, only the endpoints they reach).
 */
export async function profileFigures(profiles: readonly EmulatorProfile[]): Promise<ProfileRun[]> {
  const runs: ProfileRun[] = [];
  for (const profile of profiles) {
    if (profile === 'localstack') {
      try {
        await installLocalStack(() => undefined);
      } catch (error) {
        if (!(error instanceof NoPythonForLocalStack)) throw error;
        runs.push({ profile, skipped: error.message });
        continue;
      }
    }
    runs.push(await measure(profile));
  }
  return runs;
}

async function measure(profile: EmulatorProfile): Promise<ProfileFigures> {
  const started = performance.now();
  const postroom = await startPostroom({ POSTROOM_EMULATOR: profile, POWERTOOLS_METRICS_DISABLED: 'true' });
  const startSeconds = (performance.now() - started) / 1000;
  try {
    const client = new PostroomClient({ endpoint: postroom.url });
    const queue = client.queue('bench-profile');
    await queue.declare();

    const latencies: number[] = [];
    const singleStart = performance.now();
    for (let i = 0; i < SINGLE; i++) {
      const sent = performance.now();
      await queue.publish({ body: { n: i } });
      latencies.push(performance.now() - sent);
    }
    const publishSingleRate = SINGLE / ((performance.now() - singleStart) / 1000);

    const batchStart = performance.now();
    await queue.publish(Array.from({ length: BATCHED }, (_, n) => ({ body: { n } })), { concurrency: 1 });
    const publishBatchRate = BATCHED / ((performance.now() - batchStart) / 1000);

    let consumed = 0;
    const consumeStart = performance.now();
    while (consumed < SINGLE + BATCHED) {
      const messages = await queue.receive({ max: 10 });
      if (messages.length > 0) await queue.ack(messages);
      consumed += messages.length;
    }
    const consumeRate = consumed / ((performance.now() - consumeStart) / 1000);

    const exchange = client.exchange('bench-profile-fanout');
    await exchange.declare('fanout');
    for (let i = 0; i < FAN_OUT; i++) {
      await client.queue(`bench-profile-${i}`).declare();
      await exchange.bind({ queue: `bench-profile-${i}` });
    }
    const exchangeLatencies: number[] = [];
    for (let i = 0; i < SINGLE; i++) {
      const sent = performance.now();
      await exchange.publish({ body: { n: i } });
      exchangeLatencies.push(performance.now() - sent);
    }
    return { profile, startSeconds, publishMs: median(latencies), publishSingleRate, publishBatchRate, consumeRate, exchangePublishMs: median(exchangeLatencies) };
  } finally {
    await postroom.stop();
  }
}
