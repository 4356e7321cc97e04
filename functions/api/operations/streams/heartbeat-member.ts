import { heartbeat } from '../../../core/streams/group-membership.ts';
import { heartbeatBodySchema } from '../../../core/streams/member-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { memberView, parseMemberPath } from './member-route.ts';

/**
 * `POST .../groups/{group}/members/{member}/heartbeat`: keeps the member's session alive. This is
 * where a member learns of a rebalance: a stale generation is answered 409 `stale_generation`,
 * and the member joins again. Heartbeat well within the session timeout (Kafka: a third of it).
 */
export const heartbeatMember: OperationHandler = async (request, { streams, now }) => {
  const { name, group, memberId } = parseMemberPath(request);
  const { generation } = parseRequest(heartbeatBodySchema, request.body, 'request body');
  return streams.directory.withStream(name, async (stream) => {
    const { membership } = await streams.memberships.update(stream, group, (stored) =>
      heartbeat(stored, group, memberId, generation, stream.settings.partitions, now().getTime()),
    );
    return { status: 200, body: memberView(membership, memberId) };
  });
};
