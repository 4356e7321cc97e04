import { useState } from 'preact/hooks';
import type { ExecutionStatus, SagaClient } from '../../../client/index.ts';
import { client } from '../../api.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Field } from '../../components/field.tsx';
import { parseJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { href } from '../../routes.ts';
import { ExecutionView } from './execution-view.tsx';

const statuses: readonly ExecutionStatus[] = ['RUNNING', 'COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

type ExecutionRow = Awaited<ReturnType<SagaClient['list']>>['executions'][number];

/** One saga: its executions by status, one execution's timeline, and a form to start one. */
export function SagaPage(props: { readonly name: string; readonly executionId?: string | undefined }) {
  const saga = client.saga(props.name);
  const [status, setStatus] = useState<ExecutionStatus | ''>('');
  const executions = useLoad(() => saga.list({ max: 100, ...(status && { status }) }), [props.name, status], 5000);
  return (
    <>
      <h1>
        Saga <code>{props.name}</code>
      </h1>
      {props.executionId && <ExecutionView saga={saga} executionId={props.executionId} />}
      <StartForm saga={saga} />
      <section aria-labelledby="executions">
        <h2 id="executions">Executions</h2>
        <Field label="Filter by status">
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value as ExecutionStatus | '')}>
            <option value="">any</option>
            {statuses.map((value) => (
              <option value={value}>{value}</option>
            ))}
          </select>
        </Field>
        <ProblemBox error={executions.error} />
        <DataTable<ExecutionRow>
          caption="Executions, newest first"
          filter
          rows={executions.data?.executions ?? []}
          rowKey={(execution) => execution.executionId}
          empty="No executions"
          columns={[
            { label: 'Execution', value: (execution) => execution.executionId, render: (execution) => <a href={href.execution(props.name, execution.executionId)}>{execution.executionId}</a> },
            { label: 'Status', value: (execution) => execution.status, render: (execution) => <span class={`status ${execution.status}`}>{execution.status}</span> },
            { label: 'Started', value: (execution) => execution.startedAt },
            { label: 'Ended', value: (execution) => execution.endedAt },
          ]}
        />
      </section>
    </>
  );
}

function StartForm({ saga }: { readonly saga: SagaClient }) {
  const [input, setInput] = useState('{}');
  const [executionId, setExecutionId] = useState('');
  const start = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void start.run(async () => {
      const started = await saga.start(parseJson(input, 'Input') ?? {}, executionId ? { executionId } : {});
      location.hash = href.execution(saga.name, started.executionId);
      return `Started ${started.executionId}.`;
    });
  };
  return (
    <section aria-labelledby="start">
      <h2 id="start">Start an execution</h2>
      <form onSubmit={submit}>
        <Field label="Input" hint="JSON">
          <textarea rows={3} value={input} onInput={(event) => setInput(event.currentTarget.value)} />
        </Field>
        <Field label="Execution id" hint="Optional; starting the same id with the same input again is one execution">
          <input value={executionId} onInput={(event) => setExecutionId(event.currentTarget.value)} />
        </Field>
        <button type="submit" disabled={start.busy}>
          Start execution
        </button>
        <p role="status">{start.status}</p>
        <ProblemBox error={start.error} />
      </form>
    </section>
  );
}
