import type { Membership } from '../../../core/streams/group-membership.ts';
import { memberIdSchema } from '../../../core/streams/member-requests.ts';
import { parseGroupName, parseStreamName } from '../../../core/streams/names.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { ApiRequest } from '../../http.ts';

/** The stream, group and member a `.../groups/{group}/members/{member}/...` route names. */
export function parseMemberPath(request: ApiRequest) {
  return {
    name: parseStreamName(request.pathParameters.name),
    group: parseGroupName(request.pathParameters.group),
    memberId: parseRequest(memberIdSchema, request.pathParameters.member, 'path'),
  };
}

/** What a member learns when it joins or heartbeats: its generation and partitions. */
export function memberView(membership: Membership, memberId: string) {
  const member = membership.members.find((candidate) => candidate.id === memberId)!;
  return { memberId, generation: membership.generation, assignment: member.assignment };
}
