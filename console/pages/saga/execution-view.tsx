import type { SagaClient } from '../../../client/index.ts';
import { Facts } from '../../components/field.tsx';
import { showJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { Timeline, type TimelineStep } from './timeline.tsx';

/** An execution: its status, input and output, and its steps drawn as a timeline; live while it runs. */
export function ExecutionView(props: { readonly saga: SagaClient; readonly executionId: string }) {
  const execution = useLoad(() => props.saga.describe(props.executionId), [props.executionId], 2000);
  const state = execution.data;
  return (
    <section aria-labelledby="execution">
      <h2 id="execution">
        Execution <code>{props.executionId}</code>
      </h2>
      <ProblemBox error={execution.error} />
      {state && (
        <>
          <Facts
            label="Execution"
            facts={[
              ['Status', <span class={`status ${state.status}`}>{state.status}</span>],
              ['Started', state.startedAt],
              ['Ended', state.endedAt ?? '–'],
              ['Error', state.error ? `${state.error}${state.cause ? `: ${state.cause}` : ''}` : '–'],
              ['Input', <code>{showJson(state.input)}</code>],
              ['Output', <code>{showJson(state.output) || '–'}</code>],
            ]}
          />
          <Timeline steps={state.steps as unknown as TimelineStep[]} startedAt={state.startedAt} endedAt={state.endedAt} />
        </>
      )}
    </section>
  );
}
