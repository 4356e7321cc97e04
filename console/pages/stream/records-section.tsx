import { useState } from 'preact/hooks';
import type { Records, StreamClient } from '../../../client/index.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Field } from '../../components/field.tsx';
import { headerFilter } from '../../components/header-filter.ts';
import { showJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';

type StreamRecordRow = Records['records'][number];

/**
 * A partition's records from an offset or a time (a page of up to `limit`, then "next page"),
 * filtered by key and `header=value` in the page read.
 */
export function RecordsSection(props: { readonly stream: StreamClient; readonly partitions: number }) {
  const [partition, setPartition] = useState('0');
  const [from, setFrom] = useState<'offset' | 'time'>('offset');
  const [offset, setOffset] = useState('0');
  const [time, setTime] = useState('');
  const [limit, setLimit] = useState('50');
  const [keyFilter, setKeyFilter] = useState('');
  const [headers, setHeaders] = useState('');
  const [page, setPage] = useState<Records>();
  const read = useAction();
  const load = (start: { readonly offset: number } | { readonly timestamp: string }) =>
    read.run(async () => setPage(await props.stream.read(Number(partition), { ...start, max: Number(limit) })));
  const submit = (event: Event) => {
    event.preventDefault();
    void load(from === 'offset' ? { offset: Number(offset) } : { timestamp: new Date(time).toISOString() });
  };
  const headersMatch = headerFilter(headers) ?? (() => true);
  const shown = (page?.records ?? []).filter((record) => (!keyFilter || (record.key ?? '').includes(keyFilter)) && headersMatch(record.headers));
  return (
    <section aria-labelledby="records">
      <h2 id="records">Records</h2>
      <form onSubmit={submit}>
        <div class="row">
          <Field label="Partition">
            <select value={partition} onChange={(event) => setPartition(event.currentTarget.value)}>
              {Array.from({ length: props.partitions }, (_, index) => (
                <option value={String(index)}>{index}</option>
              ))}
            </select>
          </Field>
          <Field label="Read from">
            <select value={from} onChange={(event) => setFrom(event.currentTarget.value as 'offset' | 'time')}>
              <option value="offset">an offset</option>
              <option value="time">a time</option>
            </select>
          </Field>
          {from === 'offset' ? (
            <Field label="Offset">
              <input type="number" min={0} value={offset} onInput={(event) => setOffset(event.currentTarget.value)} />
            </Field>
          ) : (
            <Field label="Time (local)">
              <input type="datetime-local" step={1} required value={time} onInput={(event) => setTime(event.currentTarget.value)} />
            </Field>
          )}
          <Field label="Records at most">
            <input type="number" min={1} max={1000} value={limit} onInput={(event) => setLimit(event.currentTarget.value)} />
          </Field>
        </div>
        <div class="row">
          <Field label="Key contains">
            <input value={keyFilter} onInput={(event) => setKeyFilter(event.currentTarget.value)} />
          </Field>
          <Field label="Header" hint="name=value">
            <input value={headers} onInput={(event) => setHeaders(event.currentTarget.value)} />
          </Field>
        </div>
        <button type="submit" disabled={read.busy}>
          Read records
        </button>
        {page && page.nextOffset < page.highWatermark && (
          <button type="button" disabled={read.busy} onClick={() => load({ offset: page.nextOffset })}>
            Next page (from offset {page.nextOffset})
          </button>
        )}
        <ProblemBox error={read.error} />
      </form>
      {page && (
        <DataTable<StreamRecordRow>
          caption={`Records of partition ${partition} (${shown.length} shown of ${page.records.length} read; high watermark ${page.highWatermark})`}
          rows={shown}
          rowKey={(record) => String(record.offset)}
          empty="No records"
          columns={[
            { label: 'Offset', value: (record) => record.offset, numeric: true },
            { label: 'Time', value: (record) => record.timestamp },
            { label: 'Key', value: (record) => record.key },
            { label: 'Headers', value: (record) => showJson(record.headers) },
            { label: 'Value', value: (record) => showJson(record.value) },
          ]}
        />
      )}
    </section>
  );
}

