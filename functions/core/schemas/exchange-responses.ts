import * as z from 'zod/mini';
import { count } from './response-fields.ts';

/* Bodies of the exchange and binding routes' 2xx responses (functions/api/operations/exchanges). */

/** A declared exchange; the default one (`amq.default`) was never declared and has no createdAt. */
export const exchangeViewSchema = z.object({
  name: z.string(),
  type: z.enum(['direct', 'fanout', 'topic', 'headers']),
  alternateExchange: z.optional(z.string()),
  createdAt: z.optional(z.iso.datetime()),
});

export const exchangeListSchema = z.object({ exchanges: z.array(exchangeViewSchema) });

/** A binding as the request that makes it, with its defaults filled in. */
export const bindingViewSchema = z.object({
  exchange: z.string(),
  queue: z.optional(z.string()),
  destinationExchange: z.optional(z.string()),
  bindingKey: z.string(),
  arguments: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const bindingListSchema = z.object({ bindings: z.array(bindingViewSchema) });

export const exchangePublishResultSchema = z.object({ results: z.array(z.object({ messageId: z.string(), routedTo: count })) });

export const testRouteResultSchema = z.object({ queues: z.array(z.string()), exchanges: z.array(z.string()) });
