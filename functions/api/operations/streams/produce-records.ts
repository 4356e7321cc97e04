import { parseStreamName } from '../../../core/streams/names.ts';
import { placements, slicesByPartition } from '../../../core/streams/partition-slices.ts';
import { produceRequestSchema } from '../../../core/streams/produce-request.ts';
import { packWithinLimits } from '../../../core/streams/record-limits.ts';
import { Metrics } from '../../../core/metrics/metric-catalogue.ts';
import { withTraceparent } from '../../../core/trace-context.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { isoTime } from '../../../core/streams/record-view.ts';

/**
 * `POST /v1/streams/{name}/records`: Kafka's produce. Each partition's share of the request is
 * appended as a whole at the partition's end, all partitions at once; results come in request
 * order. Names, sizes and partitions are all checked first, so a rejected request appends nothing.
 */
export const produceRecords: OperationHandler = async (request, { streams, metrics }) => {
  const name = parseStreamName(request.pathParameters.name);
  const { records, producer } = parseRequest(produceRequestSchema, request.body, 'request body');
  const packed = packWithinLimits(records.map(({ record }) => ({ ...record, headers: withTraceparent(record.headers, request.traceparent) })));
  const explicit = records.flatMap(({ partition }) => (partition === undefined ? [] : [partition]));
  const highest = explicit.length > 0 ? Math.max(...explicit) : undefined;

  return streams.directory.withStream(
    name,
    async (stream) => {
      const slices = slicesByPartition(streams.assigner.assign(name, records, stream.settings.partitions));
      const appended = await streams.producer.produce(stream, slices, packed, request.deadline, producer);
      metrics.count(Metrics.streamRecordsProduced, { kind: 'stream', name }, packed.length);
      metrics.count(Metrics.streamBytesProduced, { kind: 'stream', name }, packed.reduce((sum, record) => sum + record.bytes, 0));
      const results = placements(slices, appended).map(({ partition, offset, timestamp }) => ({ partition, offset, timestamp: isoTime(timestamp) }));
      return { status: 200, body: { results } };
    },
    { partition: highest },
  );
};
