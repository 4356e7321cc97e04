import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { declareStreamBodySchema } from '../../../functions/core/streams/declare-request.ts';
import { commitOffsetsBodySchema, resetGroupBodySchema } from '../../../functions/core/streams/group-requests.ts';
import { parseGroupName, parseStreamName } from '../../../functions/core/streams/names.ts';
import { partitionParameter } from '../../../functions/core/streams/offsets.ts';
import { produceRequestSchema } from '../../../functions/core/streams/produce-request.ts';
import { readQuerySchema } from '../../../functions/core/streams/read-query.ts';

const parse = <S extends z.core.$ZodType>(schema: S, input: unknown) => z.safeParse(schema, input);

describe('stream and group names', () => {
  it('accepts Kafka topic names up to 249 characters, and group names up to 255', () => {
    expect(parseStreamName('orders.v2_eu-1')).toBe('orders.v2_eu-1');
    expect(parseStreamName('n'.repeat(249))).toHaveLength(249);
    expect(parseGroupName('g'.repeat(255))).toHaveLength(255);
  });

  it.each(['', '.', '..', 'a b', 'a#b', 'n'.repeat(250), 'ü'])('refuses the stream name %j with 400 invalid_stream_name', (name) => {
    expect(() => parseStreamName(name)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_stream_name' }));
  });

  it.each(['', 'a/b', 'a#b', 'g'.repeat(256)])('refuses the group name %j with 400 invalid_group_name', (name) => {
    expect(() => parseGroupName(name)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_group_name' }));
  });
});

describe('declareStreamBodySchema', () => {
  it('requires partitions and defaults the retention to a week', () => {
    expect(parse(declareStreamBodySchema, { partitions: 3 }).data).toEqual({ partitions: 3, retentionHours: 168 });
    expect(parse(declareStreamBodySchema, {}).success).toBe(false);
    expect(parse(declareStreamBodySchema, { partitions: 1024, retentionHours: 8760 }).success).toBe(true);
    expect(parse(declareStreamBodySchema, { partitions: 1, retentionHours: 8761 }).success).toBe(false);
  });
});

describe('produceRequestSchema', () => {
  it('parses records with null keys and empty headers by default, and no producer', () => {
    expect(parse(produceRequestSchema, { records: [{ value: null }, { key: '', value: [1], headers: { h: 1 }, partition: 2 }] }).data).toEqual({
      records: [
        { record: { key: null, value: null, headers: {} }, partition: undefined },
        { record: { key: '', value: [1], headers: { h: 1 } }, partition: 2 },
      ],
      producer: undefined,
    });
  });

  it('takes an idempotent producer as producerId and sequence together', () => {
    expect(parse(produceRequestSchema, { records: [{ value: 1 }], producerId: 'p', sequence: 0 }).data?.producer).toEqual({ producerId: 'p', sequence: 0 });
  });

  it.each([
    ['no records', { records: [] }],
    ['501 records', { records: Array.from({ length: 501 }, () => ({ value: 1 })) }],
    ['a record without value', { records: [{ key: 'k' }] }],
    ['a numeric key', { records: [{ key: 1, value: 1 }] }],
    ['a negative partition', { records: [{ value: 1, partition: -1 }] }],
    ['an unknown member', { records: [{ value: 1, timestamp: 5 }] }],
    ['a sequence without producerId', { records: [{ value: 1 }], sequence: 0 }],
    ['a producerId with a space', { records: [{ value: 1 }], producerId: 'a b', sequence: 0 }],
    ['a sequence past 32 bits', { records: [{ value: 1 }], producerId: 'p', sequence: 2 ** 31 }],
  ])('refuses %s', (_what, body) => {
    expect(parse(produceRequestSchema, body).success).toBe(false);
  });
});

describe('readQuerySchema', () => {
  it('starts at the log start with 100 records and 1 MiB by default', () => {
    expect(parse(readQuerySchema, {}).data).toEqual({ start: { earliest: true }, limit: 100, maxBytes: 1_048_576 });
  });

  it('starts at an offset, or at a time given in epoch ms or ISO 8601 with a zone', () => {
    expect(parse(readQuerySchema, { offset: '42', limit: '1000' }).data).toMatchObject({ start: { offset: 42 }, limit: 1000 });
    expect(parse(readQuerySchema, { timestamp: '1700000000000' }).data?.start).toEqual({ timestamp: 1_700_000_000_000 });
    expect(parse(readQuerySchema, { timestamp: '2026-01-02T03:04:05.678+01:00' }).data?.start).toEqual({ timestamp: Date.parse('2026-01-02T02:04:05.678Z') });
  });

  it.each([{ offset: '1', timestamp: '1' }, { offset: '1e3' }, { offset: '' }, { timestamp: '2026-01-02' }, { limit: '0' }, { maxBytes: '4194305' }, { from: '1' }])(
    'refuses %j',
    (query) => {
      expect(parse(readQuerySchema, query).success).toBe(false);
    },
  );

  it('reads a partition path parameter as a non-negative integer', () => {
    expect(parse(partitionParameter, '7').data).toBe(7);
    expect(parse(partitionParameter, '-1').success).toBe(false);
    expect(parse(partitionParameter, 'one').success).toBe(false);
  });
});

describe('group request schemas', () => {
  it('commits each partition at most once', () => {
    expect(parse(commitOffsetsBodySchema, { offsets: [{ partition: 0, offset: 5 }, { partition: 1, offset: 0 }] }).success).toBe(true);
    expect(parse(commitOffsetsBodySchema, { offsets: [{ partition: 0, offset: 5 }, { partition: 0, offset: 6 }] }).success).toBe(false);
    expect(parse(commitOffsetsBodySchema, { offsets: [] }).success).toBe(false);
  });

  it('resets to earliest, latest, a time (ISO 8601 or epoch ms) or offsets', () => {
    expect(parse(resetGroupBodySchema, { to: 'earliest' }).data).toEqual({ to: 'earliest' });
    expect(parse(resetGroupBodySchema, { to: { timestamp: '2026-01-02T03:04:05Z' } }).data).toEqual({ to: { timestamp: Date.parse('2026-01-02T03:04:05Z') } });
    expect(parse(resetGroupBodySchema, { to: { timestamp: 5 } }).data).toEqual({ to: { timestamp: 5 } });
    expect(parse(resetGroupBodySchema, { to: { offsets: [{ partition: 0, offset: 1 }] } }).success).toBe(true);
    expect(parse(resetGroupBodySchema, { to: 'middle' }).success).toBe(false);
  });
});
