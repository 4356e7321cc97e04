import * as z from 'zod/mini';
import { messageIdSchema } from './message-requests.ts';
import { integerIn, queryIntegerIn } from './numbers.ts';

export const MAX_DEAD_LETTERS_PER_PEEK = 100;
export const MAX_MESSAGES_PER_REDRIVE = 10_000;
/** Ids per selective delete: 100 ids of up to 128 characters keep the URL within what proxies take. */
export const MAX_DEAD_LETTERS_PER_DELETE = 100;

/** Query of `GET /v1/queues/{name}/dead-letters`. */
export const peekDeadLettersQuerySchema = z.prefault(
  z.strictObject({ max: z._default(queryIntegerIn(1, MAX_DEAD_LETTERS_PER_PEEK), 10) }),
  {},
);

/** Body of `POST /v1/queues/{name}/dead-letters/redrive`; without maxMessages, everything moves. */
export const redriveRequestSchema = z.prefault(
  z.strictObject({ maxMessages: z.optional(integerIn(1, MAX_MESSAGES_PER_REDRIVE)) }),
  {},
);

/**
 * Query of `DELETE /v1/queues/{name}/dead-letters`, each parameter with all its values (see
 * ApiRequest.queryValues): `messageId` repeated selects dead letters by the id a peek shows; without
 * it, every dead letter goes.
 */
export const deleteDeadLettersQuerySchema = z.strictObject({
  messageId: z.optional(
    z.array(messageIdSchema).check(z.maxLength(MAX_DEAD_LETTERS_PER_DELETE, { error: `at most ${MAX_DEAD_LETTERS_PER_DELETE} messageIds are allowed per request` })),
  ),
});
