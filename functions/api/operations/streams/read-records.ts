import { parseStreamName } from '../../../core/streams/names.ts';
import { partitionParameter } from '../../../core/streams/offsets.ts';
import { readQuerySchema } from '../../../core/streams/read-query.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { recordView } from '../../../core/streams/record-view.ts';

/**
 * `GET /v1/streams/{name}/partitions/{partition}/records`: Kafka's fetch, from an offset, from the
 * first record at or after a time (offsets-for-times), or from the log start.
 */
export const readRecords: OperationHandler = async (request, { streams }) => {
  const name = parseStreamName(request.pathParameters.name);
  const partition = parseRequest(partitionParameter, request.pathParameters.partition, 'path');
  const { start, limit, maxBytes } = parseRequest(readQuerySchema, request.query, 'query string');
  const { reader } = streams;

  return streams.directory.withStream(
    name,
    async (stream) => {
      let from: number;
      if ('offset' in start) from = start.offset;
      else {
        const [end] = await reader.highWatermarks(stream, [partition]);
        from = 'timestamp' in start ? await reader.offsetForTimestamp(stream, partition, start.timestamp, end!) : await reader.logStartOffset(stream, partition, end!);
      }
      const read = await reader.read(stream, partition, from, limit, maxBytes);
      return {
        status: 200,
        body: {
          records: read.records.map(recordView),
          nextOffset: read.nextOffset,
          highWatermark: read.highWatermark,
        },
      };
    },
    { partition },
  );
};
