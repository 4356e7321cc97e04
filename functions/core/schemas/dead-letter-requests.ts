import * as z from 'zod/mini';
import { integerIn, queryIntegerIn } from './numbers.ts';

export const MAX_DEAD_LETTERS_PER_PEEK = 100;
export const MAX_MESSAGES_PER_REDRIVE = 10_000;

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
