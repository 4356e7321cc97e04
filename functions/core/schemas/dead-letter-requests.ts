import * as z from 'zod/mini';
import { messageIdSchema } from './message-requests.ts';
import { integerIn, queryIntegerIn } from './numbers.ts';

export const MAX_DEAD_LETTERS_PER_PEEK = 100;
export const MAX_MESSAGES_PER_REDRIVE = 10_000;
/** Ids per selective delete or redrive: 100 ids of up to 128 characters keep a delete's URL within what proxies take. */
export const MAX_SELECTED_DEAD_LETTERS = 100;

/** Dead letters chosen by the ids a peek shows. */
const selectedIdsSchema = z
  .array(messageIdSchema)
  .check(z.maxLength(MAX_SELECTED_DEAD_LETTERS, { error: `at most ${MAX_SELECTED_DEAD_LETTERS} messageIds are allowed per request` }));

/** Query of `GET /v1/queues/{name}/dead-letters`. */
export const peekDeadLettersQuerySchema = z.prefault(
  z.strictObject({ max: z._default(queryIntegerIn(1, MAX_DEAD_LETTERS_PER_PEEK), 10) }),
  {},
);

/**
 * Body of `POST /v1/queues/{name}/dead-letters/redrive`: up to maxMessages, or those with the
 * given messageIds; without either, everything moves.
 */
export const redriveRequestSchema = z.prefault(
  z
    .strictObject({
      maxMessages: z.optional(integerIn(1, MAX_MESSAGES_PER_REDRIVE)),
      messageIds: z.optional(selectedIdsSchema.check(z.minLength(1, { error: 'name at least one messageId, or leave messageIds out to redrive every dead letter' }))),
    })
    .check(z.refine((request) => request.maxMessages === undefined || request.messageIds === undefined, { error: 'give maxMessages or messageIds, not both' })),
  {},
);

/**
 * Query of `DELETE /v1/queues/{name}/dead-letters`, each parameter with all its values (see
 * ApiRequest.queryValues): `messageId` repeated selects dead letters by the id a peek shows; without
 * it, every dead letter goes.
 */
export const deleteDeadLettersQuerySchema = z.strictObject({
  messageId: z.optional(selectedIdsSchema),
});
