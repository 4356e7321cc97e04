import * as z from 'zod/mini';
import { DEFAULT_RPC_TIMEOUT_MS, isReplyAddress, MAX_RPC_TIMEOUT_MS } from '../request-reply.ts';
import { routingKeySchema } from '../routing/schemas.ts';
import { exactlyOnePayload, messageFields, toOutgoingMessage, type OutgoingMessage } from './message-requests.ts';
import { integerIn } from './numbers.ts';

/** A request to send through an exchange and wait for its reply, validated. */
export interface RpcRequest {
  /** Its content: a payload (JSON `body` or `bodyBase64`) and headers. */
  readonly message: OutgoingMessage;
  readonly routingKey: string;
  readonly timeoutMs: number;
}

/** A responder's reply, validated. */
export interface RpcReply {
  readonly message: OutgoingMessage;
  readonly replyTo: string;
  readonly correlationId: string;
}

/** A request or reply has content only: the other members of a published message do not apply. */
const contentFields = { body: messageFields.body, bodyBase64: messageFields.bodyBase64, headers: messageFields.headers };

/** Body of `POST /v1/exchanges/{name}/rpc`. */
export const rpcRequestSchema = z.pipe(
  z
    .strictObject({
      ...contentFields,
      routingKey: z._default(routingKeySchema, ''),
      timeoutMs: z._default(integerIn(1, MAX_RPC_TIMEOUT_MS), DEFAULT_RPC_TIMEOUT_MS),
    })
    .check(exactlyOnePayload),
  z.transform((request): RpcRequest => ({ message: toOutgoingMessage(request), routingKey: request.routingKey, timeoutMs: request.timeoutMs })),
);

/** Body of `POST /v1/replies`: `replyTo` and `correlationId` as the request carried them. */
export const replyRequestSchema = z.pipe(
  z
    .strictObject({
      ...contentFields,
      replyTo: z.string().check(
        z.refine(isReplyAddress, { error: 'must be the replyTo of a request sent with POST /v1/exchanges/{name}/rpc ("rpc-" and 32 hex digits)' }),
      ),
      correlationId: z.uuid({ error: 'must be the correlationId of the request (a UUID)' }),
    })
    .check(exactlyOnePayload),
  z.transform((reply): RpcReply => ({ message: toOutgoingMessage(reply), replyTo: reply.replyTo, correlationId: reply.correlationId })),
);
