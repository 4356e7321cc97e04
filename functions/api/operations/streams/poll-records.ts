import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { mapWithConcurrency } from '../../../core/concurrency.ts';
import { pollBodySchema } from '../../../core/streams/member-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { StreamServices } from '../../stream-services.ts';
import { currentMember } from './member-fencing.ts';
import { parseMemberPath } from './member-route.ts';
import { recordView } from '../../../core/streams/record-view.ts';

/** Partitions read at once. */
const READ_CONCURRENCY = 16;

/**
 * `POST .../groups/{group}/members/{member}/poll`: Kafka's poll. Records of the member's partitions
 * from the group's committed offsets; nothing is committed, so polling again without a commit
 * returns the same records. The member commits with `POST .../groups/{group}/offsets`, naming its
 * memberId and generation.
 */
export const pollRecords: OperationHandler = async (request, { streams, now }) => {
  const { name, group, memberId } = parseMemberPath(request);
  const { generation, maxRecords, maxBytes } = parseRequest(pollBodySchema, request.body, 'request body');
  return streams.directory.withStream(name, async (stream) => {
    const member = await currentMember(streams, stream, group, { memberId, generation }, now().getTime());
    const records = await readAssigned(streams, stream, group, member.assignment, maxRecords, maxBytes, now());
    return { status: 200, body: { records, generation } };
  });
};

/**
 * Each partition gets an equal share of the records and bytes (at least one record, as a Kafka
 * fetch). A partition the group never committed starts at its end (Kafka's default
 * auto.offset.reset=latest); a Kafka consumer keeps that position in memory, a stateless poll has
 * to record it, so it is committed for the group.
 */
async function readAssigned(
  streams: StreamServices,
  stream: StreamDeclaration,
  group: string,
  partitions: readonly number[],
  maxRecords: number,
  maxBytes: number,
  at: Date,
) {
  const { groups, reader } = streams;
  const committed = await groups.committed(stream, group);
  const unstarted = partitions.filter((partition) => !committed.has(partition));
  if (unstarted.length > 0) {
    const ends = await reader.highWatermarks(stream, unstarted);
    const starts = unstarted.map((partition, index) => ({ partition, offset: ends[index]! }));
    await groups.commit(stream, group, starts, at);
    for (const { partition, offset } of starts) committed.set(partition, offset);
  }
  const limit = Math.ceil(maxRecords / partitions.length);
  const bytes = Math.ceil(maxBytes / partitions.length);
  const reads = await mapWithConcurrency(partitions, READ_CONCURRENCY, (partition) => reader.read(stream, partition, committed.get(partition)!, limit, bytes));
  return reads
    .flatMap((read, index) =>
      read.records.map((record) => ({ partition: partitions[index]!, ...recordView(record) })),
    )
    .slice(0, maxRecords);
}
