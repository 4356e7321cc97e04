import { expect, it } from 'vitest';
import { CrashPlan } from '../../support/fault-injection/crash-plan.ts';
import { runConsumers } from '../../support/fault-injection/consumer-pool.ts';
import { CONSUMERS, CRASH_RATE, FAULT_TEST_TIMEOUT_MS, faultRandom, filledQueue, queueApiWithFailingDeletes, RUN_DEADLINE_MS } from '../../support/fault-injection/fault-run.ts';
import { httpConsumer } from '../../support/fault-injection/http-consumer.ts';
import { SideEffectLedger } from '../../support/fault-injection/side-effect-ledger.ts';

// `ack: "auto"`: 1,000 messages through consumers that crash at random points while the store
// fails some of the deletes the receive makes. Each effect happens at most once, and the only
// messages lost are those a consumer held when it crashed, or those of a receive whose invocation
// outran its time (Lambda ends it; its response, and so its messages, never reach the consumer).
const { random } = faultRandom('at-most-once');
// A short invocation, so that messages whose delete failed come back soon (see receive.ts).
const queueApi = queueApiWithFailingDeletes(random, { remainingMs: 15_000 });

it('delivers each message at most once and loses only what a crash dropped', { timeout: FAULT_TEST_TIMEOUT_MS }, async () => {
  const { queue, messageIds } = await filledQueue(queueApi(), 'at-most-once');
  const ledger = new SideEffectLedger();
  const plan = new CrashPlan(random, CRASH_RATE);
  const consumer = httpConsumer({ api: queueApi().api, queue, ack: 'auto', ledger, plan });

  await runConsumers(CONSUMERS, RUN_DEADLINE_MS, consumer.consumeOnce);

  expect(ledger.duplicated(), 'messages whose effect happened twice').toEqual([]);
  const lost = ledger.missing(messageIds);
  const lostWithoutCrash = lost.filter((id) => !consumer.droppedByCrash.has(id));
  console.info('at-most-once:', { crashes: plan.crashes, processed: messageIds.length - lost.length, lost: lost.length, timedOutReceives: consumer.timedOut.receives });
  expect(lostWithoutCrash.length, 'messages lost without a crash').toBeLessThanOrEqual(10 * consumer.timedOut.receives);
  // The faults had teeth: crashes happened and lost messages, as at-most-once allows.
  expect(plan.crashes.afterReceive).toBeGreaterThan(0);
  expect(messageIds.length - lost.length).toBeGreaterThan(messageIds.length * 0.8);
});
