import * as z from 'zod/mini';
import { InvalidQueueNameError } from '../problems/index.ts';
import { exchangeApiName } from '../exchanges/exchange-names.ts';
import { MAX_DELIVERIES_WITH_DEAD_LETTER_EXCHANGE, queueSettingRanges, type QueueSettings } from '../queue-settings.ts';
import { MAX_QUEUE_PRIORITY } from '../priority-levels.ts';
import { exchangeReferenceSchema, routingKeySchema } from '../routing/schemas.ts';
import { integerIn, positiveMilliseconds, queryBoolean } from './numbers.ts';

export const queueNamePattern = /^[A-Za-z0-9._-]{1,128}$/;

/** A queue name inside a request body (a path's `{name}` goes through parseQueueName instead). */
export const queueNameSchema = z.string().check(
  z.regex(queueNamePattern, { error: "must be a queue name: 1 to 128 letters, digits, '.', '_' or '-'" }),
);

/** The `{name}` path parameter, or a 400 `invalid_queue_name`. */
export function parseQueueName(raw: string | undefined): string {
  if (raw === undefined || !queueNamePattern.test(raw)) throw new InvalidQueueNameError(raw ?? '');
  return raw;
}

const setting = (name: keyof typeof queueSettingRanges) => {
  const range = queueSettingRanges[name];
  return z._default(integerIn(range.min, range.max), range.default);
};

/**
 * Body of `PUT /v1/queues/{name}`; an empty body declares a queue with every default. The
 * dead-letter exchange need not exist yet (as in RabbitMQ): until it does, dying messages are
 * dropped. It is stored under its API name, so `""` and `amq.default` declare the same queue.
 */
export const declareQueueBodySchema = z.prefault(
  z.pipe(
    z
      .strictObject({
        maxDeliveries: setting('maxDeliveries'),
        visibilityTimeoutSeconds: setting('visibilityTimeoutSeconds'),
        retentionSeconds: setting('retentionSeconds'),
        delaySeconds: setting('delaySeconds'),
        deadLetterExchange: z.optional(z.pipe(exchangeReferenceSchema, z.transform(exchangeApiName))),
        deadLetterRoutingKey: z.optional(routingKeySchema),
        messageTtlMs: z.optional(positiveMilliseconds),
        maxPriority: z.optional(integerIn(1, MAX_QUEUE_PRIORITY)),
        fifo: z.optional(z.boolean({ error: 'must be true or false' })),
      })
      .check(
        // RabbitMQ refuses x-dead-letter-routing-key without x-dead-letter-exchange.
        z.refine((settings) => settings.deadLetterRoutingKey === undefined || settings.deadLetterExchange !== undefined, {
          error: 'needs a deadLetterExchange to route with',
          path: ['deadLetterRoutingKey'],
        }),
        z.refine((settings) => settings.deadLetterExchange === undefined || settings.maxDeliveries <= MAX_DELIVERIES_WITH_DEAD_LETTER_EXCHANGE, {
          error: `must be at most ${MAX_DELIVERIES_WITH_DEAD_LETTER_EXCHANGE} with a deadLetterExchange`,
          path: ['maxDeliveries'],
        }),
        // Priority levels are separate SQS queues: a group's order and the deduplication window
        // would not span them.
        z.refine((settings) => !settings.fifo || settings.maxPriority === undefined, {
          error: 'a fifo queue cannot have priorities: its order and deduplication hold within one SQS queue',
          path: ['maxPriority'],
        }),
      ),
    // fifo is kept only when true, so queues declared before it existed (or with false) compare equal.
    z.transform(({ fifo, ...settings }): QueueSettings => ({ ...settings, ...(fifo && { fifo }) })),
  ),
  {},
) satisfies z.ZodMiniType<QueueSettings, unknown>;

/** Query of `DELETE /v1/queues/{name}`. */
export const deleteQueueQuerySchema = z.prefault(z.strictObject({ ifEmpty: z._default(queryBoolean, false) }), {});
