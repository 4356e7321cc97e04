import { useState } from 'preact/hooks';
import type { GroupSummary, ResetTarget, StreamClient, StreamDescription } from '../../../client/index.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { Field } from '../../components/field.tsx';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { previewReset, type OffsetChange } from './reset-preview.ts';

type Offsets = StreamDescription['offsets'];
type ResetKind = 'earliest' | 'latest' | 'time' | 'offsets';

/** The stream's consumer groups (sortable by lag), each partition's lag, and resets with a preview. */
export function GroupsSection(props: { readonly stream: StreamClient; readonly offsets: Offsets; readonly onReset: () => void }) {
  const groups = useLoad(() => props.stream.groups(), [props.stream.name], 5000);
  return (
    <section aria-labelledby="groups">
      <h2 id="groups">Consumer groups</h2>
      <ProblemBox error={groups.error} />
      <DataTable<GroupSummary>
        caption="Groups"
        filter
        rows={groups.data ?? []}
        rowKey={(group) => group.group}
        empty="No consumer groups"
        columns={[
          { label: 'Group', value: (group) => group.group },
          { label: 'Lag', value: (group) => group.lag, numeric: true },
          { label: 'Generation', value: (group) => group.generation, numeric: true },
          { label: 'Members', value: (group) => group.members.length, render: (group) => group.members.map((member) => `${member.memberId} (${member.assignment.join(', ') || 'no partitions'})`).join('; ') || 'none' },
          {
            label: 'Committed / lag per partition',
            value: (group) => group.partitions.map((partition) => `${partition.partition}: ${partition.committedOffset ?? '–'} / ${partition.lag ?? '–'}`).join(', '),
          },
        ]}
      />
      {groups.data && groups.data.length > 0 && <ResetForm {...props} groups={groups.data} onReset={() => (groups.reload(), props.onReset())} />}
    </section>
  );
}

function ResetForm(props: { readonly stream: StreamClient; readonly offsets: Offsets; readonly groups: readonly GroupSummary[]; readonly onReset: () => void }) {
  const [group, setGroup] = useState(props.groups[0]!.group);
  const [kind, setKind] = useState<ResetKind>('earliest');
  const [time, setTime] = useState('');
  const [offsets, setOffsets] = useState<Record<number, string>>({});
  const [preview, setPreview] = useState<{ readonly to: ResetTarget; readonly changes: OffsetChange[] }>();
  const action = useAction();
  const target = (): ResetTarget => {
    if (kind === 'time') return { timestamp: new Date(time).toISOString() };
    if (kind !== 'offsets') return kind;
    const given = Object.entries(offsets).filter(([, offset]) => offset !== '');
    if (given.length === 0) throw new Error('Give an offset for at least one partition.');
    return { offsets: given.map(([partition, offset]) => ({ partition: Number(partition), offset: Number(offset) })) };
  };
  const showPreview = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const to = target();
      const current = await props.stream.group(group).describe();
      setPreview({ to, changes: await previewReset(props.stream, props.offsets, current, to) });
    });
  };
  const apply = () =>
    action
      .run(async () => {
        const reset = await props.stream.group(group).reset(preview!.to);
        setPreview(undefined);
        return `Reset ${group}: ${reset.partitions.map((partition) => `partition ${partition.partition} at ${partition.committedOffset}`).join(', ')}.`;
      })
      .then(props.onReset);
  const change = (setter: () => void) => {
    setter();
    setPreview(undefined);
  };
  return (
    <form onSubmit={showPreview} aria-labelledby="reset">
      <h3 id="reset">Reset a group's offsets</h3>
      <div class="row">
        <Field label="Group">
          <select value={group} onChange={(event) => change(() => setGroup(event.currentTarget.value))}>
            {props.groups.map((entry) => (
              <option value={entry.group}>{entry.group}</option>
            ))}
          </select>
        </Field>
        <Field label="Reset to">
          <select value={kind} onChange={(event) => change(() => setKind(event.currentTarget.value as ResetKind))}>
            <option value="earliest">earliest (log start)</option>
            <option value="latest">latest (high watermark)</option>
            <option value="time">a time</option>
            <option value="offsets">offsets per partition</option>
          </select>
        </Field>
        {kind === 'time' && (
          <Field label="Time (local)">
            <input type="datetime-local" step={1} required value={time} onInput={(event) => change(() => setTime(event.currentTarget.value))} />
          </Field>
        )}
      </div>
      {kind === 'offsets' && (
        <div class="row">
          {props.offsets.map(({ partition, logStartOffset, highWatermark }) => (
            <Field label={`Partition ${partition} offset`} hint={`${logStartOffset}…${highWatermark}; blank keeps it`}>
              <input type="number" min={logStartOffset} max={highWatermark} value={offsets[partition] ?? ''} onInput={(event) => change(() => setOffsets({ ...offsets, [partition]: event.currentTarget.value }))} />
            </Field>
          ))}
        </div>
      )}
      <button type="submit" disabled={action.busy}>
        Preview reset
      </button>
      <p role="status">{action.status}</p>
      <ProblemBox error={action.error} />
      {preview && (
        <>
          <DataTable<OffsetChange>
            caption={`What the reset of ${group} changes`}
            rows={preview.changes}
            rowKey={(entry) => String(entry.partition)}
            columns={[
              { label: 'Partition', value: (entry) => entry.partition, numeric: true },
              { label: 'Committed now', value: (entry) => entry.committed, numeric: true },
              { label: 'After the reset', value: (entry) => entry.after, numeric: true },
              { label: 'Change', value: (entry) => (entry.committed === null ? 'new' : signed(entry.after - entry.committed)), numeric: true },
            ]}
          />
          <ConfirmButton label="Apply reset" question={`Reset ${group} as previewed?`} disabled={action.busy} onConfirm={apply} />
        </>
      )}
    </form>
  );
}

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
