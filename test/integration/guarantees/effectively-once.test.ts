import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { beforeAll, expect, it } from 'vitest';
import { ApiEnvironment } from '../../../functions/api/environment.ts';
import { postroomSqsConsumer, type PostroomMessage } from '../../../functions/consumer/index.ts';
import { SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';
import { CrashPlan } from '../../support/fault-injection/crash-plan.ts';
import { runConsumers } from '../../support/fault-injection/consumer-pool.ts';
import { CONSUMERS, CRASH_RATE, FAULT_TEST_TIMEOUT_MS, faultRandom, filledQueue, RUN_DEADLINE_MS } from '../../support/fault-injection/fault-run.ts';
import { lambdaConsumer } from '../../support/fault-injection/sqs-lambda-consumer.ts';
import { SideEffectLedger } from '../../support/fault-injection/side-effect-ledger.ts';
import { startQueueApi, type QueueApi } from '../../support/queue-api.ts';

// At-least-once delivery plus the idempotent consumer (postroomSqsConsumer on the stack's
// idempotency table): 1,000 messages through Lambda-style consumers that crash before running the
// function, after it handled part of a batch, and in the middle of deleting. Every side effect
// happens exactly once.
let queueApi: QueueApi;
let clients: typeof import('../../../functions/adapters/aws-clients.ts');
const { random, seed } = faultRandom('effectively-once');

beforeAll(async () => {
  queueApi = await startQueueApi();
  clients = await import('../../../functions/adapters/aws-clients.ts');
});

it('runs every side effect exactly once through crashes at every point', { timeout: FAULT_TEST_TIMEOUT_MS }, async () => {
  const { queue, messageIds } = await filledQueue(queueApi, 'effectively-once');
  const { QueueUrl: queueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(queue).queue }));
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const ledger = new SideEffectLedger();
  let runs = 0;
  const handler = postroomSqsConsumer(
    (message: PostroomMessage) => {
      runs++;
      ledger.record(message.messageId);
    },
    { tableName: process.env[ApiEnvironment.idempotencyTable]!, keyPrefix: `effectively-once-${seed}-${queue}` },
  );
  const plan = new CrashPlan(random, CRASH_RATE);

  await runConsumers(CONSUMERS, RUN_DEADLINE_MS, lambdaConsumer({ sqs: clients.sqs, queueUrl: queueUrl!, queueArn: Attributes!.QueueArn!, handler, plan }));

  console.info('effectively-once:', { crashes: plan.crashes, runs, missing: ledger.missing(messageIds).length, duplicated: ledger.duplicated().length });
  expect(ledger.missing(messageIds), 'messages never processed').toEqual([]);
  expect(ledger.duplicated(), 'messages whose effect happened twice').toEqual([]);
  expect(runs).toBe(messageIds.length);
  for (const count of Object.values(plan.crashes)) expect(count).toBeGreaterThan(0);
});
