import { parseStreamName } from '../../../core/streams/names.ts';
import type { OperationHandler } from '../../http.ts';
import { groupViews } from './group-view.ts';

/** `GET /v1/streams/{name}/groups`: every consumer group with its lag, committed offsets and members, in name order. */
export const listGroups: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  return streams.directory.withStream(name, async (stream) => ({ status: 200, body: { groups: await groupViews(streams, stream, now().getTime()) } }));
};
