import { parseStreamName } from '../../../core/streams/names.ts';
import type { OperationHandler } from '../../http.ts';
import { partitionsOf, streamView } from './stream-view.ts';

/** `GET /v1/streams/{name}`: the declaration and each partition's log start offset and high watermark. */
export const describeStream: OperationHandler = async (request, { streams }) => {
  const name = parseStreamName(request.pathParameters.name);
  return streams.directory.withStream(
    name,
    async (stream) => {
      const partitions = partitionsOf(stream);
      const bounds = await streams.reader.bounds(stream, partitions);
      return { status: 200, body: { ...streamView(stream), offsets: partitions.map((partition, index) => ({ partition, ...bounds[index]! })) } };
    },
    { fresh: true },
  );
};
