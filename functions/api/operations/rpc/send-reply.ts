import { isQueueMissingError } from '../../../adapters/aws-errors.ts';
import { MAX_FAN_OUT_MESSAGE_BYTES } from '../../../core/fan-out.ts';
import { ReplyExpiredError } from '../../../core/problems/index.ts';
import { replyRequestSchema } from '../../../core/schemas/rpc-requests.ts';
import { utf8Bytes } from '../../../core/sqs-limits.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { assertAllPublished, sealMessages } from '../../../core/message-sealing.ts';

/**
 * `POST /v1/replies`: one SendMessageBatch into the caller's reply queue (its URL is built, see
 * SqsReplyQueues.urlOf). A reply may be as large as an exchange publish (413 above), as requests
 * are. When the queue is gone the caller has stopped waiting (it timed out, or took an earlier
 * reply): 410, where RabbitMQ drops such a reply silently, so that a responder can tell. SQS may
 * still accept a send for up to 60 s after a queue is deleted, so a late reply can also get 202;
 * either way no one ever sees it.
 */
export const sendReply: OperationHandler = async (request, services) => {
  const reply = parseRequest(replyRequestSchema, request.body, 'request body');
  const sealed = sealMessages([reply.message], {
    publishedAt: services.now().toISOString(),
    limit: MAX_FAN_OUT_MESSAGE_BYTES,
    sizeOf: utf8Bytes,
    properties: () => ({ correlationId: reply.correlationId }),
  });
  try {
    const queueUrl = await services.replyQueues.urlOf(reply.replyTo);
    const outcomes = await services.messages.send(queueUrl, sealed);
    assertAllPublished(sealed, outcomes.map((outcome) => outcome.ok));
  } catch (error) {
    if (isQueueMissingError(error)) throw new ReplyExpiredError(reply.replyTo);
    throw error;
  }
  return { status: 202, body: { messageId: sealed[0]!.id } };
};
