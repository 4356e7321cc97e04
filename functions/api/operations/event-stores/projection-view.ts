import { projectionGroupName } from '../../../core/event-store/names.ts';
import { rebuildView, type RebuildJob } from '../../../core/event-store/projection-rebuild.ts';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import type { Services } from '../../services.ts';
import { partitionsOf } from '../streams/stream-view.ts';

/**
 * A projection's position and lag per log partition, from its consumer group's committed offsets
 * (a Projection construct commits after each delivery), and its latest rebuild (null when never
 * rebuilt). A name no projection reads under shows position 0 everywhere: it has applied nothing.
 */
export async function projectionView({ eventStores, streams }: Pick<Services, 'eventStores' | 'streams'>, store: string, name: string, log: StreamDeclaration, rebuild?: RebuildJob) {
  const group = projectionGroupName(name);
  const [committed, ends, job] = await Promise.all([
    streams.groups.committed(log, group),
    streams.reader.highWatermarks(log, partitionsOf(log)),
    rebuild ?? eventStores.rebuilds.find(log, group),
  ]);
  const partitions = ends.map((highWatermark, partition) => {
    const position = committed.get(partition) ?? 0;
    return { partition, position, highWatermark, lag: Math.max(0, highWatermark - position) };
  });
  return { store, name, group, lag: partitions.reduce((sum, { lag }) => sum + lag, 0), partitions, rebuild: job === undefined ? null : rebuildView(job) };
}
