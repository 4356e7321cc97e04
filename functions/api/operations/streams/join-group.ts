import { randomUUID } from 'node:crypto';
import { join } from '../../../core/streams/group-membership.ts';
import { joinBodySchema } from '../../../core/streams/member-requests.ts';
import { parseGroupName, parseStreamName } from '../../../core/streams/names.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { memberView } from './member-route.ts';

/**
 * `POST /v1/streams/{name}/groups/{group}/members`: Kafka's JoinGroup and SyncGroup in one. A new
 * member gets a generated id and rebalances the group; a known id joining again (after a 409
 * `stale_generation`) learns the current generation and its partitions.
 */
export const joinGroup: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  const group = parseGroupName(request.pathParameters.group);
  const { memberId = randomUUID(), sessionTimeoutMs } = parseRequest(joinBodySchema, request.body, 'request body');
  return streams.directory.withStream(name, async (stream) => {
    const { membership } = await streams.memberships.update(stream, group, (stored) =>
      join(stored, { memberId, sessionTimeoutMs }, stream.settings.partitions, now().getTime()),
    );
    return { status: 200, body: memberView(membership, memberId) };
  });
};
