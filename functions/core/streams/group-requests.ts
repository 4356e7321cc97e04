import * as z from 'zod/mini';
import { generationSchema, memberIdSchema } from './member-requests.ts';
import { bodyTimestamp, partitionOffsetsSchema } from './offsets.ts';

/**
 * Body of `POST /v1/streams/{name}/groups/{group}/offsets`: committed offset = next offset to read.
 * A member names itself and its generation, and is fenced when stale; a commit without them is an
 * admin's or a tool's, as Kafka's standalone commits.
 */
export const commitOffsetsBodySchema = z
  .strictObject({ offsets: partitionOffsetsSchema, memberId: z.optional(memberIdSchema), generation: z.optional(generationSchema) })
  .check(
    z.refine((body) => (body.memberId === undefined) === (body.generation === undefined), {
      error: 'give memberId and generation together, or neither',
      path: ['generation'],
    }),
  );

/** Where `reset` moves a group: every partition to its log start, its end or a time, or listed offsets. */
export type ResetTarget =
  | 'earliest'
  | 'latest'
  | { readonly timestamp: number }
  | { readonly offsets: ReadonlyArray<{ readonly partition: number; readonly offset: number }> };

/** Body of `POST /v1/streams/{name}/groups/{group}/reset`. */
export const resetGroupBodySchema = z.strictObject({
  to: z.union(
    [
      z.enum(['earliest', 'latest']),
      z.strictObject({ timestamp: bodyTimestamp }),
      z.strictObject({ offsets: partitionOffsetsSchema }),
    ],
    { error: 'to is "earliest", "latest", {"timestamp": …} or {"offsets": [{"partition", "offset"}]}' },
  ),
}) satisfies z.ZodMiniType<{ to: ResetTarget }, unknown>;
