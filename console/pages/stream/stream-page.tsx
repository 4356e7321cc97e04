import { client } from '../../api.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Facts } from '../../components/field.tsx';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { GroupsSection } from './groups-section.tsx';
import { RecordsSection } from './records-section.tsx';
import type { StreamDescription } from '../../../client/index.ts';

type PartitionOffsets = StreamDescription['offsets'][number];

/** One stream: partitions and their offsets, records by offset or time, groups with lag and resets. */
export function StreamPage({ name }: { readonly name: string }) {
  const stream = client.stream(name);
  const description = useLoad(() => stream.describe(), [name], 5000);
  const state = description.data;
  return (
    <>
      <h1>
        Stream <code>{name}</code>
      </h1>
      <ProblemBox error={description.error} />
      {state && (
        <>
          <Facts
            label="Settings"
            facts={[
              ['Partitions', state.partitions],
              ['Retention', `${state.retentionHours} h`],
              ['Created', state.createdAt],
            ]}
          />
          <DataTable<PartitionOffsets>
            caption="Partitions"
            rows={state.offsets}
            rowKey={(partition) => String(partition.partition)}
            columns={[
              { label: 'Partition', value: (partition) => partition.partition, numeric: true },
              { label: 'Log start', value: (partition) => partition.logStartOffset, numeric: true },
              { label: 'High watermark', value: (partition) => partition.highWatermark, numeric: true },
              { label: 'Records', value: (partition) => partition.highWatermark - partition.logStartOffset, numeric: true },
            ]}
          />
          <RecordsSection stream={stream} partitions={state.partitions} />
          <GroupsSection stream={stream} offsets={state.offsets} onReset={description.reload} />
        </>
      )}
    </>
  );
}
