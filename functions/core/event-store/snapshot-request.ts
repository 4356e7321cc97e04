import * as z from 'zod/mini';
import { integerIn } from '../schemas/numbers.ts';
import { schemaVersionNumber } from './append-request.ts';

/** Body of `PUT /v1/event-stores/{store}/streams/{streamId}/snapshot`: the state the stream's events up to `version` fold to. */
export const snapshotRequestSchema = z
  .strictObject({
    version: integerIn(0, Number.MAX_SAFE_INTEGER),
    // Any JSON value, null included: presence is checked below.
    state: z.unknown(),
  })
  .check(z.refine((body) => Object.hasOwn(body, 'state'), { error: 'a snapshot needs a state (any JSON value, null included)', path: ['state'] }));

/** Body of `PUT /v1/event-stores/{store}/schemas/{type}/{version}`: a JSON Schema, checked by compiling it. */
export const eventSchemaBodySchema = z.record(z.string(), z.unknown());

/** The `{version}` path parameter of a schema. */
export const schemaVersionParameter = z.pipe(
  z.string().check(z.regex(/^\d{1,7}$/, { error: 'a schema version must be an integer from 1 to 1000000' })),
  z.pipe(z.transform(Number), schemaVersionNumber),
);
