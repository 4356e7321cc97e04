import { afterAll, beforeAll } from 'vitest';
import { failRandomly } from '../aws-fault-injection.ts';
import { seededRandom } from '../../../testing/seeded-random.ts';
import { startQueueApi, type QueueApi } from '../queue-api.ts';

/** Messages each guarantee is proven with, as the issue asks. */
export const MESSAGES = 1_000;
/** A crash in one batch of eight. */
export const CRASH_RATE = 0.125;
/** The share of the store's deletes that fail (the API's half of "crashes during ack"). */
export const DELETE_FAULT_RATE = 0.05;
/** Parallel consumers, as a scaled-out service would run. */
export const CONSUMERS = 4;
/** A crashed consumer's messages come back after this; short, so that a run is quick. */
export const VISIBILITY_TIMEOUT_SECONDS = 1;
/**
 * How long consumers may take to drain a run, and a fault test to finish: generous, because CI runs
 * these beside the soak and other suites on two cores; a run passes or fails on its ledger, not its time.
 */
export const RUN_DEADLINE_MS = 240_000;
export const FAULT_TEST_TIMEOUT_MS = 300_000;

/**
 * A seeded random source for a fault run, printed so that a failing run can be repeated with
 * POSTROOM_FAULT_SEED=<seed>.
 */
export function faultRandom(label: string): { random: () => number; seed: number } {
  const seed = Number(process.env.POSTROOM_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.info(`${label}: fault seed ${seed} (repeat with POSTROOM_FAULT_SEED=${seed})`);
  return { random: seededRandom(seed), seed };
}

/** Declares a queue for a fault run (redelivered often, never dead-lettered) and fills it: the messages' ids. */
export async function filledQueue({ api, uniqueName }: QueueApi, label: string): Promise<{ queue: string; messageIds: string[] }> {
  const queue = uniqueName(label);
  const declared = await api.put(`/v1/queues/${queue}`, { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS, maxDeliveries: 1_000 });
  if (declared.status !== 201) throw new Error(`declare answered ${declared.status}: ${JSON.stringify(declared.json)}`);
  const messageIds: string[] = [];
  for (let start = 0; start < MESSAGES; start += 100) {
    const messages = Array.from({ length: 100 }, (_, index) => ({ body: { n: start + index } }));
    const published = await api.post(`/v1/queues/${queue}/messages`, { messages });
    if (published.status !== 202) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.json)}`);
    messageIds.push(...published.json.messageIds);
  }
  return { queue, messageIds };
}

/**
 * This test file's API (see startQueueApi) whose store fails DELETE_FAULT_RATE of the deletes,
 * drawn from `random`, until the file ends: the API's half of the crashes during an ack.
 */
export function queueApiWithFailingDeletes(random: () => number, options: Parameters<typeof startQueueApi>[0] = {}): () => QueueApi {
  let queueApi: QueueApi | undefined;
  let heal = () => {};
  beforeAll(async () => {
    queueApi = await startQueueApi(options);
    const { sqs } = await import('../../../functions/adapters/aws-clients.ts');
    heal = failRandomly(sqs, 'DeleteMessageBatchCommand', random, DELETE_FAULT_RATE);
  });
  afterAll(() => heal());
  return () => queueApi!;
}
