import { expect, it } from 'vitest';
import { CrashPlan } from '../../support/fault-injection/crash-plan.ts';
import { runConsumers } from '../../support/fault-injection/consumer-pool.ts';
import { CONSUMERS, CRASH_RATE, FAULT_TEST_TIMEOUT_MS, faultRandom, filledQueue, queueApiWithFailingDeletes, RUN_DEADLINE_MS } from '../../support/fault-injection/fault-run.ts';
import { httpConsumer } from '../../support/fault-injection/http-consumer.ts';
import { SideEffectLedger } from '../../support/fault-injection/side-effect-ledger.ts';

// Explicit acks (the default): 1,000 messages through consumers that crash after receiving, after
// processing and in the middle of acking, while the store fails some deletes. No message is lost;
// the crashes between work and ack show up as duplicates, which at-least-once allows.
const { random } = faultRandom('at-least-once');
const queueApi = queueApiWithFailingDeletes(random);

it('delivers every message at least once through crashes at every point', { timeout: FAULT_TEST_TIMEOUT_MS }, async () => {
  const { queue, messageIds } = await filledQueue(queueApi(), 'at-least-once');
  const ledger = new SideEffectLedger();
  const plan = new CrashPlan(random, CRASH_RATE);
  const consumer = httpConsumer({ api: queueApi().api, queue, ack: 'explicit', ledger, plan });

  await runConsumers(CONSUMERS, RUN_DEADLINE_MS, consumer.consumeOnce);

  console.info('at-least-once:', { crashes: plan.crashes, missing: ledger.missing(messageIds).length, duplicated: ledger.duplicated().length });
  expect(ledger.missing(messageIds), 'messages never processed').toEqual([]);
  for (const count of Object.values(plan.crashes)) expect(count).toBeGreaterThan(0);
  // Work done and then not acked is done again: the duplicates at-least-once warns about.
  expect(ledger.duplicated().length).toBeGreaterThan(0);
  const { json } = await queueApi().api.get(`/v1/queues/${queue}`);
  expect(json.messages.deadLetters).toBe(0);
});
