import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { commitOffsetsBodySchema } from '../../../functions/core/streams/group-requests.ts';
import { heartbeatBodySchema, joinBodySchema, pollBodySchema } from '../../../functions/core/streams/member-requests.ts';

const parse = <S extends z.core.$ZodType>(schema: S, input: unknown) => z.safeParse(schema, input);

describe('membership request bodies', () => {
  it('joins with no body at all, defaulting the session timeout to 30 s', () => {
    expect(parse(joinBodySchema, undefined).data).toEqual({ sessionTimeoutMs: 30_000 });
    expect(parse(joinBodySchema, { memberId: 'worker-1', sessionTimeoutMs: 6000 }).data).toEqual({ memberId: 'worker-1', sessionTimeoutMs: 6000 });
  });

  it.each([
    ['a session timeout under 6 s', { sessionTimeoutMs: 5999 }],
    ['a session timeout over 5 minutes', { sessionTimeoutMs: 300_001 }],
    ['a member id that needs escaping in a path', { memberId: 'a/b' }],
    ['an unknown field', { groupInstanceId: 'x' }],
  ])('refuses to join with %s', (_what, body) => {
    expect(parse(joinBodySchema, body).success).toBe(false);
  });

  it('requires a generation to heartbeat and poll, and defaults a poll to 100 records and 1 MiB', () => {
    expect(parse(heartbeatBodySchema, {}).success).toBe(false);
    expect(parse(pollBodySchema, { generation: 2 }).data).toEqual({ generation: 2, maxRecords: 100, maxBytes: 1024 * 1024 });
    expect(parse(pollBodySchema, { generation: 2, maxRecords: 1001 }).success).toBe(false);
  });

  it('takes a commit\'s memberId and generation together or not at all', () => {
    const offsets = [{ partition: 0, offset: 1 }];

    expect(parse(commitOffsetsBodySchema, { offsets }).success).toBe(true);
    expect(parse(commitOffsetsBodySchema, { offsets, memberId: 'm', generation: 3 }).success).toBe(true);
    expect(parse(commitOffsetsBodySchema, { offsets, memberId: 'm' }).success).toBe(false);
    expect(parse(commitOffsetsBodySchema, { offsets, generation: 3 }).success).toBe(false);
  });
});
