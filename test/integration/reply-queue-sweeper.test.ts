import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isQueueMissingError } from '../../functions/adapters/aws-errors.ts';
import { SqsReplyQueues } from '../../functions/adapters/sqs-reply-queues.ts';
import { newReplyAddress, ORPHANED_REPLY_QUEUE_AGE_MS } from '../../functions/core/request-reply.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { sweepReplyQueues } from '../../functions/reply-queue-sweeper/sweep.ts';
import { LocalFunction } from '../../local/lambda/local-function.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';
import { ownClientConfig } from '../../testing/api-function.ts';

let queueApi: QueueApi;
let sqs: SQSClient;

beforeAll(async () => {
  queueApi = await startQueueApi();
  // The test's own calls, under its own prefix: not the API function's, nor the sweeper's.
  sqs = new SQSClient(ownClientConfig);
});

/** Reply queues as RPC calls create them; answers their URLs. */
const createReplyQueues = (replyQueues: SqsReplyQueues, count: number) =>
  Promise.all(Array.from({ length: count }, () => replyQueues.create(newReplyAddress())));

/** A queue-name prefix of the test's own, so that sweeps see exactly its reply queues (moto enforces no IAM). */
function isolated(): { prefix: string; replyQueues: SqsReplyQueues } {
  const prefix = `sweep${randomBytes(4).toString('hex')}_`;
  return { prefix, replyQueues: new SqsReplyQueues(sqs, prefix) };
}

/** A time at which each of `queueUrls` is just past the grace period, by SQS's own creation stamps. */
async function justOrphaned(replyQueues: SqsReplyQueues, queueUrls: readonly string[]): Promise<number> {
  const created = await Promise.all(queueUrls.map((queueUrl) => replyQueues.createdAt(queueUrl)));
  return Math.max(...created.map((seconds) => seconds! * 1000)) + ORPHANED_REPLY_QUEUE_AGE_MS + 1000;
}

async function exists(queueName: string): Promise<boolean> {
  try {
    await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    return true;
  } catch (error) {
    if (isQueueMissingError(error)) return false;
    throw error;
  }
}

const existing = (queueUrls: readonly string[]) => Promise.all(queueUrls.map((queueUrl) => exists(queueUrl.slice(queueUrl.lastIndexOf('/') + 1))));

/** A client of its own that deletes a queue behind the sweep's back right before sending it `commandName`. */
function clientLosingQueuesBefore(commandName: string): SQSClient {
  const client = new SQSClient(ownClientConfig);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const { QueueUrl } = args.input as { QueueUrl?: string };
      if (context.commandName === commandName && QueueUrl !== undefined) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      return next(args);
    },
    { step: 'initialize', name: 'deleteQueueFirst' },
  );
  return client;
}

describe('sweeping orphaned reply queues', () => {
  it("deletes the stack's reply queues older than the grace period, and no other queue", async () => {
    const { prefix, replyQueues } = isolated();
    // The SQS queues of Postroom queues, one named like a reply address (its names start `<prefix>rpc-` too).
    const naming = new SqsQueueNaming(prefix);
    const userSqsQueues = [newReplyAddress(), 'orders'].flatMap((queue) => [naming.namesFor(queue).queue, naming.namesFor(queue).deadLetterQueue]);
    for (const QueueName of userSqsQueues) await sqs.send(new CreateQueueCommand({ QueueName }));
    const old = await createReplyQueues(replyQueues, 2);
    const now = await justOrphaned(replyQueues, old);
    // SQS stamps creation in whole seconds: created 2 s later, this queue is not yet orphaned at `now`.
    await setTimeout(2000);
    const [fresh] = await createReplyQueues(replyQueues, 1);

    const summary = await sweepReplyQueues({ sqs, queueNamePrefix: prefix, now });

    expect(summary).toEqual({ examined: 3, deleted: 2 });
    expect(await existing(old)).toEqual([false, false]);
    expect(await existing([fresh!])).toEqual([true]);
    expect(await Promise.all(userSqsQueues.map(exists))).toEqual([true, true, true, true]);
  });

  it('leaves the reply queues of live calls alone when run by its schedule', async () => {
    const live = await createReplyQueues(new SqsReplyQueues(sqs, queueApi.prefix), 2);
    // The sweeper function as the local runtime runs it: its environment and its role's session.
    const definition = queueApi.functions.find((fn) => fn.logicalId.startsWith('ReplyQueueSweeperFunction'))!;
    const sweeper = new LocalFunction(definition, { endpoint: inject('awsEndpoint'), serviceEndpoints: {}, region: 'us-east-1', accountId: '123456789012' }, () => undefined);
    const invocation = await sweeper.invoke({ source: 'aws.events', 'detail-type': 'Scheduled Event' }).finally(() => sweeper.stop());
    if (!invocation.ok) throw new Error(`the sweeper failed: ${invocation.error.errorMessage}`);
    const summary = invocation.payload as { examined: number };

    // Other test files' calls use the same prefix at the same time: only this test's queues are certain.
    expect(summary.examined).toBeGreaterThanOrEqual(2);
    expect(await existing(live)).toEqual([true, true]);
  });

  it('skips a queue that is gone by the time its age is read', async () => {
    const { prefix, replyQueues } = isolated();
    const orphans = await createReplyQueues(replyQueues, 2);
    const now = await justOrphaned(replyQueues, orphans);

    const summary = await sweepReplyQueues({ sqs: clientLosingQueuesBefore('GetQueueAttributesCommand'), queueNamePrefix: prefix, now });

    expect(summary).toEqual({ examined: 2, deleted: 0 });
    expect(await existing(orphans)).toEqual([false, false]);
  });

  it('succeeds when a queue is gone by the time it is deleted', async () => {
    const { prefix, replyQueues } = isolated();
    const orphans = await createReplyQueues(replyQueues, 2);
    const now = await justOrphaned(replyQueues, orphans);

    const summary = await sweepReplyQueues({ sqs: clientLosingQueuesBefore('DeleteQueueCommand'), queueNamePrefix: prefix, now });

    expect(summary).toEqual({ examined: 2, deleted: 2 });
    expect(await existing(orphans)).toEqual([false, false]);
  });

  it('lets two sweeps race over the same orphans', async () => {
    const { prefix, replyQueues } = isolated();
    const orphans = await createReplyQueues(replyQueues, 6);
    const now = await justOrphaned(replyQueues, orphans);

    const sweeps = await Promise.all([1, 2].map(() => sweepReplyQueues({ sqs, queueNamePrefix: prefix, now })));

    expect(sweeps.map(({ examined }) => examined)).toEqual([6, 6]);
    expect(await existing(orphans)).toEqual(Array(6).fill(false));
  });
});
