import { randomBytes } from 'node:crypto';
import { GetBucketLifecycleConfigurationCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { postroomSqsConsumer, type PostroomMessage } from '../../functions/consumer/index.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { MemoryPersistenceLayer } from '../fixtures/consumer-memory-store.ts';
import { sqsRecordFromReceived } from '../fixtures/consumer-events.ts';
import { lambdaContext } from '../../testing/handler-harness.ts';
import { MAX_CLAIMED_PAYLOAD_BYTES, PAYLOAD_EXPIRY_DAYS, PAYLOAD_KEY_PREFIX } from '../../functions/core/claim-check.ts';
import { UPLOAD_EXPIRY_DAYS, UPLOAD_KEY_PREFIX } from '../../functions/core/uploads.ts';
import { decodeEnvelope } from '../../functions/core/envelope.ts';
import { readReceipt } from '../../functions/core/receipt.ts';
import { exchangeFixtures } from '../support/exchange-fixtures.ts';
import { startQueueApi, type QueueApi } from '../support/queue-api.ts';

const emulator = { endpoint: inject('awsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const s3 = new S3Client(emulator);
const sqs = new SQSClient(emulator);

let queueApi: QueueApi;
let bucket: string;
let fixtures: ReturnType<typeof exchangeFixtures>;
beforeAll(async () => {
  queueApi = await startQueueApi();
  bucket = process.env[ApiEnvironment.payloadBucket]!;
  fixtures = exchangeFixtures(queueApi);
});

/** The largest body the claim check takes: a string whose JSON text is exactly 5 MiB. */
const largestBody = (fill: string) => fill.repeat(MAX_CLAIMED_PAYLOAD_BYTES - 2);

const payloadKeys = async (): Promise<string[]> => {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return Contents.map(({ Key }) => Key!);
};

/** The object a received message's SQS body refers to (its receipt carries the body as SQS holds it). */
const referenceOf = (queue: string, message: { receipt: string }) => {
  const reading = readReceipt(message.receipt, queue);
  if (!reading.ok) throw new Error(reading.detail);
  const payload = decodeEnvelope(reading.receipt.messageBody)?.payload;
  return payload && 'bodyRef' in payload ? payload.bodyRef : undefined;
};

const receive = async (queue: string) => (await queueApi.api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10 })).json.messages;

describe('large messages (claim check)', () => {
  it('carries a 5 MiB message through an exchange to two queues intact, storing it once', async () => {
    const exchange = await fixtures.exchange('fanout');
    const queues = [await fixtures.queue('large-a'), await fixtures.queue('large-b')];
    for (const queue of queues) await fixtures.bind({ exchange, queue });
    const body = largestBody('e');
    const before = await payloadKeys();

    const [result] = await fixtures.publish(exchange, { body, headers: { kind: 'large' } });
    const received = await Promise.all(queues.map(async (queue) => ({ queue, messages: await receive(queue) })));
    const stored = (await payloadKeys()).filter((key) => !before.includes(key));

    expect(result).toEqual({ messageId: expect.any(String), routedTo: 2 });
    for (const { messages } of received) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ messageId: result!.messageId, headers: { kind: 'large' }, exchange, routingKey: '' });
      expect(messages[0].body === body).toBe(true); // not toEqual: a 5 MiB diff is no help
    }
    expect(stored).toEqual([expect.stringMatching(new RegExp(`^${PAYLOAD_KEY_PREFIX}`))]);
    expect(received.map(({ queue, messages }) => referenceOf(queue, messages[0])?.key)).toEqual([stored[0], stored[0]]);
  });

  it('keeps a 5 MiB queue message through a reject, the dead-letter peek and a redrive, renewing its object on each move', async () => {
    const queue = await fixtures.queue('large-dlq');
    const body = largestBody('q');
    expect((await queueApi.api.post(`/v1/queues/${queue}/messages`, { body })).status).toBe(202);

    const [first] = await receive(queue);
    const key = referenceOf(queue, first)!.key;
    const unrenewed = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect((await queueApi.api.post(`/v1/queues/${queue}/nack`, { receipts: [first.receipt], requeue: false })).json).toEqual({ nacked: 1, failures: [] });
    const renewed = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const [letter] = (await queueApi.api.get(`/v1/queues/${queue}/dead-letters`)).json.messages;
    expect((await queueApi.api.post(`/v1/queues/${queue}/dead-letters/redrive`, {})).json).toEqual({ moved: 1 });
    const [again] = await receive(queue);

    expect(first.body === body).toBe(true);
    expect(unrenewed.Metadata).toEqual({});
    expect(renewed).toMatchObject({ ContentType: 'application/json', ContentLength: MAX_CLAIMED_PAYLOAD_BYTES, Metadata: { renewed: expect.stringMatching(/^\d{4}-/) } });
    expect(letter).toMatchObject({ messageId: first.messageId, reason: 'rejected' });
    expect(letter.body === body).toBe(true);
    expect(again).toMatchObject({ messageId: first.messageId });
    expect(again.body === body).toBe(true);
    expect(referenceOf(queue, again)?.key).toBe(key);
  });

  it('republishes a large message through a dead-letter exchange with the same object, renewed', async () => {
    const deadLetters = await fixtures.exchange('fanout');
    const parked = await fixtures.queue('large-parked');
    await fixtures.bind({ exchange: deadLetters, queue: parked });
    const queue = await fixtures.queue('large-dlx', { deadLetterExchange: deadLetters });
    const body = { scan: 's'.repeat(2 * 1024 * 1024) };
    expect((await queueApi.api.post(`/v1/queues/${queue}/messages`, { body })).status).toBe(202);

    const [first] = await receive(queue);
    await queueApi.api.post(`/v1/queues/${queue}/nack`, { receipts: [first.receipt], requeue: false });
    const [dead] = await receive(parked);
    const key = referenceOf(parked, dead)?.key;

    expect(dead).toMatchObject({ messageId: first.messageId, body, deaths: [expect.objectContaining({ queue, reason: 'rejected' })] });
    expect(key).toBe(referenceOf(queue, first)?.key);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).Metadata).toEqual({ renewed: expect.any(String) });
  });

  it('carries a binary payload over SQS’s 1 MiB byte for byte', async () => {
    const queue = await fixtures.queue('large-binary');
    const bodyBase64 = randomBytes(1_200_000).toString('base64');
    expect((await queueApi.api.post(`/v1/queues/${queue}/messages`, { bodyBase64 })).status).toBe(202);

    const [message] = await receive(queue);

    expect(message.bodyBase64 === bodyBase64).toBe(true);
    expect(message).not.toHaveProperty('body');
    expect(referenceOf(queue, message)).toMatchObject({ encoding: 'binary', bytes: bodyBase64.length });
  });

  it('answers one 5 MiB message per receive, so that the answer stays within Lambda’s 6 MB, and leaves the others ready', async () => {
    const queue = await fixtures.queue('large-two');
    const published = await queueApi.api.post(`/v1/queues/${queue}/messages`, { messages: [{ body: largestBody('1') }, { body: largestBody('2') }] });

    const first = await receive(queue);
    const second = await receive(queue);

    expect(published.status).toBe(202);
    expect([first.length, second.length]).toEqual([1, 1]);
    expect(new Set([first[0].messageId, second[0].messageId])).toEqual(new Set(published.json.messageIds));
  });

  it('hands postroomSqsConsumer’s handler the payload as if it had travelled inline', async () => {
    const queue = await fixtures.queue('large-consumer');
    const body = { lines: 'l'.repeat(2 * 1024 * 1024) };
    expect((await queueApi.api.post(`/v1/queues/${queue}/messages`, { body, headers: { kind: 'large' } })).status).toBe(202);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: new SqsQueueNaming(queueApi.prefix).namesFor(queue).queue }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    const seen: PostroomMessage[] = [];
    const handler = postroomSqsConsumer((message) => void seen.push(message), { persistenceStore: new MemoryPersistenceLayer() });

    const result = await handler({ Records: Messages.map((message) => sqsRecordFromReceived(message, Attributes!.QueueArn!)) }, lambdaContext());

    expect(result).toEqual({ batchItemFailures: [] });
    expect(JSON.parse(Messages[0]!.Body!)).toHaveProperty('bodyRef');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers).toEqual({ kind: 'large' });
    expect(seen[0]!.payload).toEqual({ body });
  });

  it('refuses a payload over 5 MiB with 413, storing nothing', async () => {
    const queue = await fixtures.queue('too-large');
    const before = await payloadKeys();

    const response = await queueApi.api.post(`/v1/queues/${queue}/messages`, { body: 'x'.repeat(MAX_CLAIMED_PAYLOAD_BYTES - 1) });

    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ code: 'message_too_large', bytes: MAX_CLAIMED_PAYLOAD_BYTES + 1, limit: MAX_CLAIMED_PAYLOAD_BYTES });
    expect(await payloadKeys()).toEqual(before);
  });

  it('provisions the bucket with the lifecycle rules that delete every payload object once no message can refer to it, and uploads after a day', async () => {
    const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));

    expect(Rules).toEqual([
      expect.objectContaining({ ID: 'ExpirePayloads', Status: 'Enabled', Filter: { Prefix: PAYLOAD_KEY_PREFIX }, Expiration: expect.objectContaining({ Days: PAYLOAD_EXPIRY_DAYS }) }),
      expect.objectContaining({ ID: 'ExpireUploads', Status: 'Enabled', Filter: { Prefix: UPLOAD_KEY_PREFIX }, Expiration: expect.objectContaining({ Days: UPLOAD_EXPIRY_DAYS }) }),
    ]);
    expect((await payloadKeys()).every((key) => key.startsWith(PAYLOAD_KEY_PREFIX))).toBe(true);
  });
});
