// The stream and consumer-group routes: one family, imported together on the first request for any of them (operations/index.ts).
export { commitOffsets } from './commit-offsets.ts';
export { declareStream } from './declare-stream.ts';
export { deleteStream } from './delete-stream.ts';
export { describeGroup } from './describe-group.ts';
export { describeStream } from './describe-stream.ts';
export { heartbeatMember } from './heartbeat-member.ts';
export { joinGroup } from './join-group.ts';
export { leaveGroup } from './leave-group.ts';
export { listGroups } from './list-groups.ts';
export { listStreams } from './list-streams.ts';
export { pollRecords } from './poll-records.ts';
export { produceRecords } from './produce-records.ts';
export { readRecords } from './read-records.ts';
export { resetGroup } from './reset-group.ts';
