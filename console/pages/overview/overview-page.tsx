import { client, overview, type Overview } from '../../api.ts';
import { DataTable } from '../../components/data-table.tsx';
import { formatAge } from '../../format-age.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { href } from '../../routes.ts';
import type { SagaSummary } from '../../../client/index.ts';

/** Running executions counted per saga at most (one page of the list). */
const RUNNING_PAGE = 100;

interface SagaRow extends SagaSummary {
  /** Running executions, or the page size when there are more. */
  readonly running: number;
  readonly more: boolean;
}

/** How often the overview reads the counts again. */
const REFRESH_MS = 5000;

type QueueRow = Overview['queues'][number];
type ExchangeRow = Overview['exchanges'][number];
type StreamRow = Overview['streams'][number];

/** Every queue, exchange, stream and saga with live counts, each table sortable and filterable. */
export function OverviewPage() {
  const broker = useLoad(() => Promise.all([overview(), sagasWithRunning()]), [], REFRESH_MS);
  const [state, sagas] = broker.data ?? [];
  return (
    <>
      <h1>Overview</h1>
      <p class="hint">Refreshes every {REFRESH_MS / 1000} s.</p>
      <ProblemBox error={broker.error} />
      {state && sagas && (
        <>
          <DataTable<QueueRow>
            caption="Queues"
            filter
            rows={state.queues}
            rowKey={(queue) => queue.name}
            columns={[
              { label: 'Name', value: (queue) => queue.name, render: (queue) => <a href={href.queue(queue.name)}>{queue.name}</a> },
              { label: 'Ready', value: (queue) => queue.messages.ready, numeric: true },
              { label: 'In flight', value: (queue) => queue.messages.inFlight, numeric: true },
              { label: 'Delayed', value: (queue) => queue.messages.delayed, numeric: true },
              { label: 'Dead letters', value: (queue) => queue.messages.deadLetters, numeric: true },
              { label: 'Oldest', value: (queue) => queue.oldestMessageAgeSeconds, render: (queue) => formatAge(queue.oldestMessageAgeSeconds), numeric: true },
              { label: 'Oldest dead letter', value: (queue) => queue.oldestDeadLetterAgeSeconds, render: (queue) => formatAge(queue.oldestDeadLetterAgeSeconds), numeric: true },
            ]}
          />
          <DataTable<ExchangeRow>
            caption="Exchanges"
            filter
            rows={state.exchanges}
            rowKey={(exchange) => exchange.name}
            columns={[
              { label: 'Name', value: (exchange) => exchange.name, render: (exchange) => <a href={href.exchange(exchange.name)}>{exchange.name}</a> },
              { label: 'Type', value: (exchange) => exchange.type },
              { label: 'Bindings', value: (exchange) => exchange.bindings, numeric: true },
            ]}
          />
          <DataTable<StreamRow>
            caption="Streams"
            filter
            rows={state.streams}
            rowKey={(stream) => stream.name}
            columns={[
              { label: 'Name', value: (stream) => stream.name, render: (stream) => <a href={href.stream(stream.name)}>{stream.name}</a> },
              { label: 'Partitions', value: (stream) => stream.partitions.length, numeric: true },
              { label: 'Records (high watermarks)', value: (stream) => sum(stream.partitions.map((partition) => partition.highWatermark)), numeric: true },
              { label: 'Groups', value: (stream) => stream.groups.length, numeric: true },
              { label: 'Group lag (largest)', value: (stream) => largestLag(stream), numeric: true },
            ]}
          />
          <DataTable<SagaRow>
            caption="Sagas"
            filter
            rows={sagas}
            rowKey={(saga) => saga.name}
            columns={[
              { label: 'Name', value: (saga) => saga.name, render: (saga) => <a href={href.saga(saga.name)}>{saga.name}</a> },
              { label: 'Running', value: (saga) => saga.running, render: (saga) => `${saga.running}${saga.more ? '+' : ''}`, numeric: true },
              { label: 'Created', value: (saga) => saga.createdAt },
            ]}
          />
        </>
      )}
    </>
  );
}

/** The sagas, each with its running executions (the overview has no sagas: one list call each). */
async function sagasWithRunning(): Promise<SagaRow[]> {
  return Promise.all(
    (await client.sagas.list()).map(async (saga) => {
      const { executions, nextToken } = await client.saga(saga.name).list({ status: 'RUNNING', max: RUNNING_PAGE });
      return { ...saga, running: executions.length, more: nextToken !== undefined };
    }),
  );
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The lag of the group furthest behind; null without groups or when none has committed. */
function largestLag(stream: StreamRow): number | null {
  const lags = stream.groups.map((group) => group.lag).filter((lag) => lag !== null);
  return lags.length ? Math.max(...lags) : null;
}
