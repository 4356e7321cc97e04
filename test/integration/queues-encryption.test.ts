import { randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SqsQueueAdmin } from '../../functions/adapters/sqs-queue-admin.ts';
import { SqsReplyQueues } from '../../functions/adapters/sqs-reply-queues.ts';
import type { QueueSettings } from '../../functions/core/queue-settings.ts';
import { newReplyAddress } from '../../functions/core/request-reply.ts';
import { sqsEncryptionAttributes } from '../../functions/core/sqs-encryption.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';

const sqs = new SQSClient({ endpoint: inject('awsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/0f3c2b5e-1111-2222-3333-444455556666';
const prefix = `enc${randomBytes(3).toString('hex')}_`;
const naming = new SqsQueueNaming(prefix);
const settings: QueueSettings = { maxDeliveries: 5, visibilityTimeoutSeconds: 30, retentionSeconds: 3600, delaySeconds: 0 };

afterAll(() => sqs.destroy());

const encryptionOf = async (queueUrl: string) => {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return { kmsKey: Attributes?.KmsMasterKeyId, sqsManaged: Attributes?.SqsManagedSseEnabled };
};

describe('Queue encryption at rest', () => {
  it('uses SQS-managed keys unless the stack has a customer-managed key', async () => {
    const created = await new SqsQueueAdmin(sqs).create(naming.namesFor('plain'), settings, {});

    expect(await encryptionOf(created.queueUrl)).toEqual({ kmsKey: undefined, sqsManaged: 'true' });
  });

  it('encrypts a queue, its priority levels, its dead-letter queue and reply queues with the stack\'s KMS key', async () => {
    const encryption = sqsEncryptionAttributes(keyArn);
    const names = naming.namesFor('secret');
    const created = await new SqsQueueAdmin(sqs, encryption).create(names, { ...settings, maxPriority: 1 }, {}, [`${names.queue}-p1`]);
    const replyQueue = await new SqsReplyQueues(sqs, prefix, encryption).create(newReplyAddress());

    for (const queueUrl of [created.queueUrl, created.deadLetterQueueUrl, ...created.levels.map((level) => level.queueUrl), replyQueue]) {
      expect((await encryptionOf(queueUrl)).kmsKey, queueUrl).toBe(keyArn);
    }
  });
});
