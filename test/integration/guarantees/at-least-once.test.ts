import { afterAll, beforeAll, expect, it } from 'vitest';
import { failRandomly } from '../../support/aws-fault-injection.ts';
import { CrashPlan } from '../../support/fault-injection/crash-plan.ts';
import { runConsumers } from '../../support/fault-injection/consumer-pool.ts';
import { CONSUMERS, CRASH_RATE, DELETE_FAULT_RATE, faultRandom, filledQueue, RUN_DEADLINE_MS } from '../../support/fault-injection/fault-run.ts';
import { httpConsumer } from '../../support/fault-injection/http-consumer.ts';
import { SideEffectLedger } from '../../support/fault-injection/side-effect-ledger.ts';
import { startQueueApi, type QueueApi } from '../../support/queue-api.ts';

// Explicit acks (the default): 1,000 messages through consumers that crash after receiving, after
// processing and in the middle of acking, while the store fails some deletes. No message is lost;
// the crashes between work and ack show up as duplicates, which at-least-once allows.
let queueApi: QueueApi;
let heal: () => void;
const { random } = faultRandom('at-least-once');

beforeAll(async () => {
  queueApi = await startQueueApi();
  const { sqs } = await import('../../../functions/adapters/aws-clients.ts');
  heal = failRandomly(sqs, 'DeleteMessageBatchCommand', random, DELETE_FAULT_RATE);
});

afterAll(() => heal());

it('delivers every message at least once through crashes at every point', { timeout: 120_000 }, async () => {
  const { queue, messageIds } = await filledQueue(queueApi, 'at-least-once');
  const ledger = new SideEffectLedger();
  const plan = new CrashPlan(random, CRASH_RATE);
  const consumer = httpConsumer({ api: queueApi.api, queue, ack: 'explicit', ledger, plan });

  await runConsumers(CONSUMERS, RUN_DEADLINE_MS, consumer.consumeOnce);

  expect(ledger.missing(messageIds), 'messages never processed').toEqual([]);
  expect(plan.crashes).toEqual({ afterReceive: expect.any(Number), afterProcessing: expect.any(Number), duringAck: expect.any(Number) });
  for (const count of Object.values(plan.crashes)) expect(count).toBeGreaterThan(0);
  // Work done and then not acked is done again: the duplicates at-least-once warns about.
  expect(ledger.duplicated().length).toBeGreaterThan(0);
  const { json } = await queueApi.api.get(`/v1/queues/${queue}`);
  expect(json.messages.deadLetters).toBe(0);
});
