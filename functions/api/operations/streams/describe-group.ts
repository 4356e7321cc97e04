import { parseGroupName, parseStreamName } from '../../../core/streams/names.ts';
import type { OperationHandler } from '../../http.ts';
import { groupView } from './group-view.ts';

/** `GET /v1/streams/{name}/groups/{group}`: committed offsets and lag per partition, members and their partitions. */
export const describeGroup: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  const group = parseGroupName(request.pathParameters.group);
  return streams.directory.withStream(name, async (stream) => ({ status: 200, body: await groupView(streams, stream, group, now().getTime()) }));
};
