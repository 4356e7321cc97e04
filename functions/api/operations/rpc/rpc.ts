import { randomUUID } from 'node:crypto';
import { openMessage, type OpenedMessage } from '../../../core/envelope.ts';
import { exchangeApiName } from '../../../core/exchanges/exchange-names.ts';
import { ReplyTimeoutError, RequestUnroutableError, UnroutableError } from '../../../core/problems/index.ts';
import { newReplyAddress, replyPollSeconds } from '../../../core/request-reply.ts';
import { parseExchangeReference } from '../../../core/schemas/exchange-requests.ts';
import { rpcRequestSchema, type RpcRequest } from '../../../core/schemas/rpc-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { Services } from '../../services.ts';
import { deliverPublish, preparePublish, type PreparedPublish } from '../exchanges/routed-messages.ts';

/**
 * `POST /v1/exchanges/{name}/rpc`: publishes the request through the exchange with a fresh
 * `correlationId` and a `replyTo` naming a temporary SQS queue of this call's own, long-polls that
 * queue until a reply with the same correlationId arrives (200) or `timeoutMs` passes (504), and
 * deletes it. Concurrent calls never see each other's replies, and a late or second reply finds
 * no queue (POST /v1/replies answers 410). The request expires with the wait, so responders skip
 * it once no one is waiting. Cost: CreateQueue, the publish (one PublishBatch), one ReceiveMessage
 * per 20 s of waiting, DeleteQueue. A request refused (400, 404, 413, 422) creates no queue.
 */
export const rpc: OperationHandler = async (request, services) => {
  const exchange = parseExchangeReference(request.pathParameters.name);
  const call = parseRequest(rpcRequestSchema, request.body, 'request body');
  // The wait ends by the request's deadline too, so the answer always makes it out.
  const until = Math.min(Date.now() + call.timeoutMs, request.deadline);
  const replyTo = newReplyAddress();
  const correlationId = randomUUID();
  const prepared = await prepareRequest(exchange, call, { replyTo, correlationId }, services);

  const queueUrl = await services.replyQueues.create(replyTo);
  try {
    await deliverPublish(prepared, services);
    const reply = await awaitReply(queueUrl, correlationId, until, services);
    if (reply === undefined) throw new ReplyTimeoutError(exchangeApiName(exchange), call.routingKey, call.timeoutMs);
    return { status: 200, body: { correlationId, ...reply.payload, headers: reply.headers } };
  } finally {
    await services.admin.delete(queueUrl);
  }
};

/** The request routed and sealed; one no queue would receive is refused (422), as `mandatory` does. */
async function prepareRequest(
  exchange: string,
  call: RpcRequest,
  properties: { readonly replyTo: string; readonly correlationId: string },
  services: Services,
): Promise<PreparedPublish> {
  const message = { ...call.message, routingKey: call.routingKey, properties, mandatory: true, expirationMs: call.timeoutMs };
  try {
    return await preparePublish(exchange, [message], services, (_, member) => member);
  } catch (error) {
    if (error instanceof UnroutableError) throw new RequestUnroutableError(exchangeApiName(exchange), call.routingKey);
    throw error;
  }
}

/**
 * The first reply on `queueUrl` carrying `correlationId`, or undefined at `until`. Each long poll
 * waits up to 20 s and is cut off at `until`; anything else on the queue is ignored (it goes with
 * the queue).
 */
async function awaitReply(queueUrl: string, correlationId: string, until: number, services: Services): Promise<OpenedMessage | undefined> {
  for (let remaining = until - Date.now(); remaining > 0; remaining = until - Date.now()) {
    const deliveries = await receiveWithin(queueUrl, remaining, services);
    const reply = deliveries
      .map((delivery) => openMessage(delivery.body, { messageId: delivery.messageId, publishedAt: delivery.sentAt }))
      .find((message) => message.properties.correlationId === correlationId);
    if (reply !== undefined) return reply;
  }
  return undefined;
}

async function receiveWithin(queueUrl: string, remainingMs: number, { messages }: Services) {
  try {
    return await messages.receive(queueUrl, {
      maxMessages: 10,
      waitSeconds: replyPollSeconds(remainingMs),
      abortSignal: AbortSignal.timeout(remainingMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return [];
    throw error;
  }
}
