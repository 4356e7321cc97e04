import { parseGroupName, parseStreamName } from '../../../core/streams/names.ts';
import { commitOffsetsBodySchema } from '../../../core/streams/group-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { commitAsMember } from './member-fencing.ts';
import { commitWithinBounds, highestPartition } from './bounded-commits.ts';

/**
 * `POST /v1/streams/{name}/groups/{group}/offsets`: Kafka's OffsetCommit; the first commit creates
 * the group. A commit naming a member and generation is fenced (409 `stale_generation`); one
 * without is an admin's or a tool's, as Kafka's standalone commits.
 */
export const commitOffsets: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  const group = parseGroupName(request.pathParameters.group);
  const { offsets, memberId, generation } = parseRequest(commitOffsetsBodySchema, request.body, 'request body');
  return streams.directory.withStream(
    name,
    async (stream) => {
      if (memberId === undefined) await commitWithinBounds(streams, stream, group, offsets, now());
      else await commitAsMember(streams, stream, group, offsets, { memberId, generation: generation! }, now());
      return { status: 200, body: { offsets } };
    },
    { partition: highestPartition(offsets) },
  );
};
