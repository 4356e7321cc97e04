import { isQueueMissingError } from '../../../adapters/aws-errors.ts';
import { mapWithConcurrency } from '../../../core/concurrency.ts';
import { StreamNotFoundError } from '../../../core/problems/streams.ts';
import { kindOnPage, namesOnPage, type OverviewCursor, type OverviewKind } from '../../../core/metrics/overview-page.ts';
import type { Services } from '../../services.ts';
import { oldestMessageAges } from '../queues/queue-ages.ts';
import { queueCounts } from '../queues/queue-counts.ts';
import { streamGroupsState } from '../streams/group-view.ts';

/** A page of the overview (overviewSchema's, but for the cursor); `next` is where the following page starts, when there may be one. */
export type OverviewPage = Awaited<ReturnType<typeof brokerOverview>>;

/** Resources whose counts are read at once: each queue costs its levels + 1 GetQueueAttributes, each stream 2 calls. */
const READ_CONCURRENCY = 8;

/**
 * One page of the broker's resources with their live numbers. Calls: one Query per kind listed
 * (queues, exchanges with one more for the bindings, streams), only for the kinds on the page; then
 * per queue one GetQueueAttributes per priority level and one for its dead letters (SQS has no
 * batch form), and for all the page's queues one GetMetricData (the ages of their oldest messages and dead letters); per
 * stream one Query of its groups and one BatchGetItem of its partitions' tails. Nothing per exchange.
 */
export async function brokerOverview(services: Services, page: { readonly limit: number; readonly cursor?: OverviewCursor | undefined }, now: number) {
  const { limit, cursor } = page;
  let room = limit;
  let last: OverviewCursor | undefined;
  const take = async <T>(kind: OverviewKind, list: () => Promise<T[]>, nameOf: (item: T) => string): Promise<T[]> => {
    if (!kindOnPage(kind, cursor) || room === 0) return [];
    const items = await list();
    const byName = new Map(items.map((item) => [nameOf(item), item]));
    const names = namesOnPage(kind, [...byName.keys()], cursor, room);
    room -= names.length;
    if (names.length > 0) last = { kind, after: names.at(-1)! };
    return names.map((name) => byName.get(name)!);
  };

  const queues = await take('queue', () => services.registry.list(), (queue) => queue.name);
  const exchanges = await take('exchange', () => services.exchanges.list(), (exchange) => exchange.name);
  const bindings = exchanges.length > 0 ? await services.bindings.list() : [];
  const streams = await take('stream', () => services.streams.registry.list(), (stream) => stream.name);
  // A full page may have been the last one; the next page then comes back empty, without a cursor.
  const full = room === 0 && last !== undefined;

  // A queue or stream deleted after the list was read is left out, as if listed a moment later.
  const [counts, ages] = await Promise.all([
    mapWithConcurrency(queues, READ_CONCURRENCY, (queue) => unlessDeleted(() => queueCounts(queue, services.admin), isQueueMissingError)),
    oldestMessageAges(queues, now),
  ]);
  const streamStates = await mapWithConcurrency(streams, READ_CONCURRENCY, (stream) =>
    unlessDeleted(() => streamGroupsState(services.streams, stream, now), (error) => error instanceof StreamNotFoundError),
  );
  return {
    queues: queues.flatMap((queue, index) => {
      const messages = counts[index];
      if (!messages) return [];
      return [{ name: queue.name, messages, oldestMessageAgeSeconds: ages[index]?.messages ?? null, oldestDeadLetterAgeSeconds: ages[index]?.deadLetters ?? null }];
    }),
    exchanges: exchanges.map(({ name, type }) => ({ name, type, bindings: bindings.filter((binding) => binding.source === name).length })),
    streams: streams.flatMap((stream, index) => {
      const state = streamStates[index];
      if (!state) return [];
      return [{ name: stream.name, partitions: state.highWatermarks.map((highWatermark, partition) => ({ partition, highWatermark })), groups: state.groups }];
    }),
    ...(full && { next: last }),
  };
}

/** What `read` answers; undefined when it fails because its resource is gone (`deleted` says which errors mean that). */
async function unlessDeleted<T>(read: () => Promise<T>, deleted: (error: unknown) => boolean): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (deleted(error)) return undefined;
    throw error;
  }
}
