import * as z from 'zod/mini';
import { headersSchema } from '../schemas/message-requests.ts';
import { MAX_RECORDS_PER_REQUEST } from './limits.ts';
import { partitionNumber } from './offsets.ts';
import type { StreamRecord } from './record-codec.ts';

/** A record to append, validated; `partition` is the one the producer chose, if any. */
export interface IncomingRecord {
  readonly record: StreamRecord;
  readonly partition: number | undefined;
}

/** An idempotent producer's identity and the sequence of the request's first record (per partition). */
export interface ProducerSequence {
  readonly producerId: string;
  readonly sequence: number;
}

export interface ProduceRequest {
  readonly records: IncomingRecord[];
  readonly producer: ProducerSequence | undefined;
}

const recordSchema = z.pipe(
  z
    .strictObject({
      key: z.optional(z.string({ error: 'keys are strings' })),
      // Any JSON value, null (a tombstone) included: presence is checked below.
      value: z.unknown(),
      headers: z.optional(headersSchema),
      partition: z.optional(partitionNumber),
    })
    .check(
      z.refine((record) => Object.hasOwn(record, 'value'), { error: 'every record needs a value (any JSON value, null included)', path: ['value'] }),
    ),
  z.transform(
    (record): IncomingRecord => ({
      record: { key: record.key ?? null, value: record.value, headers: record.headers ?? {} },
      partition: record.partition,
    }),
  ),
);

const recordCountError = `send 1 to ${MAX_RECORDS_PER_REQUEST} records`;

/** Body of `POST /v1/streams/{name}/records`. */
export const produceRequestSchema = z.pipe(
  z
    .strictObject({
      records: z.array(recordSchema).check(z.minLength(1, { error: recordCountError }), z.maxLength(MAX_RECORDS_PER_REQUEST, { error: recordCountError })),
      producerId: z.optional(z.string().check(z.regex(/^[\x21-\x7E]{1,128}$/, { error: 'must be 1 to 128 printable ASCII characters without spaces' }))),
      // Kafka's sequences are 32-bit.
      sequence: z.optional(z.int({ error: 'must be an integer from 0 to 2147483647' }).check(z.gte(0), z.lte(2_147_483_647))),
    })
    .check(
      z.refine((body) => (body.producerId === undefined) === (body.sequence === undefined), {
        error: 'an idempotent producer sends both producerId and sequence',
        path: ['sequence'],
      }),
    ),
  z.transform(
    (body): ProduceRequest => ({
      records: body.records,
      producer: body.producerId === undefined || body.sequence === undefined ? undefined : { producerId: body.producerId, sequence: body.sequence },
    }),
  ),
);
