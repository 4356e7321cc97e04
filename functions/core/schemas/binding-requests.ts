import * as z from 'zod/mini';
import { bindingArgumentsSchema, bindingKeySchema, exchangeReferenceSchema } from '../routing/schemas.ts';
import type { Binding } from '../routing/topology.ts';
import { MAX_HEADERS } from './message-requests.ts';
import { queueNameSchema } from './queue-requests.ts';

/** More arguments than a message can have headers could never all match; the bound keeps items small. */
export const MAX_BINDING_ARGUMENTS = MAX_HEADERS;

/**
 * Body of `POST /v1/bindings` and `DELETE /v1/bindings`: an exchange and exactly one destination,
 * a queue or another exchange. `amq.default` and "" parse to the default exchange (""), which the
 * operations refuse with 403 rather than calling the request malformed.
 */
export const bindingRequestSchema = z.pipe(
  z
    .strictObject({
      exchange: exchangeReferenceSchema,
      queue: z.optional(queueNameSchema),
      destinationExchange: z.optional(exchangeReferenceSchema),
      bindingKey: z._default(bindingKeySchema, ''),
      arguments: z._default(
        bindingArgumentsSchema.check(
          z.refine((args) => Object.keys(args).length <= MAX_BINDING_ARGUMENTS, {
            error: `at most ${MAX_BINDING_ARGUMENTS} arguments are allowed`,
          }),
        ),
        {},
      ),
    })
    .check(
      z.refine((request) => (request.queue === undefined) !== (request.destinationExchange === undefined), {
        error: 'give exactly one destination: queue or destinationExchange',
      }),
    ),
  z.transform(
    (request): Binding => ({
      source: request.exchange,
      destination: request.queue !== undefined ? { queue: request.queue } : { exchange: request.destinationExchange! },
      bindingKey: request.bindingKey,
      arguments: request.arguments,
    }),
  ),
);
