import { leave } from '../../../core/streams/group-membership.ts';
import type { OperationHandler } from '../../http.ts';
import { parseMemberPath } from './member-route.ts';

/** `DELETE .../groups/{group}/members/{member}`: Kafka's LeaveGroup; the others share its partitions at once. Idempotent. */
export const leaveGroup: OperationHandler = async (request, { streams, now }) => {
  const { name, group, memberId } = parseMemberPath(request);
  return streams.directory.withStream(name, async (stream) => {
    await streams.memberships.update(stream, group, (stored) => leave(stored, memberId, stream.settings.partitions, now().getTime()));
    return { status: 204 };
  });
};
