/** One run of a step's action or compensation, as the execution's `steps` list them (functions/core/sagas/saga-timeline.ts). */
export interface TimelineStep {
  readonly step: string;
  readonly phase: 'action' | 'compensation';
  readonly status: 'running' | 'succeeded' | 'failed' | 'timed_out';
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly attempts: number;
}

/**
 * The steps in the order they ran, each a bar placed on the execution's time axis (CSS widths in
 * percent), compensations marked apart from actions; the list is an ordered list for screen readers.
 */
export function Timeline(props: { readonly steps: readonly TimelineStep[]; readonly startedAt: string; readonly endedAt?: string | undefined }) {
  const start = Date.parse(props.startedAt);
  const end = Math.max(props.endedAt ? Date.parse(props.endedAt) : Date.now(), ...props.steps.map((step) => Date.parse(step.endedAt ?? step.startedAt)), start + 1);
  const percent = (time: number) => ((time - start) / (end - start)) * 100;
  return (
    <figure class="timeline">
      <figcaption>Timeline: {((end - start) / 1000).toFixed(1)} s from start to end</figcaption>
      <ol>
        {props.steps.map((step, index) => {
          const left = percent(Date.parse(step.startedAt));
          const right = percent(step.endedAt ? Date.parse(step.endedAt) : end);
          return (
            <li key={index} class={`step ${step.phase} ${step.status}`}>
              <span class="step-label">
                {step.phase === 'compensation' ? '↶ ' : ''}
                <strong>{step.step}</strong> {step.phase} {step.status.replace('_', ' ')}
                {step.attempts > 1 && `, ${step.attempts} attempts`}
              </span>
              <span class="track" aria-hidden="true">
                <span class="bar" style={{ left: `${left}%`, width: `${Math.max(right - left, 0.5)}%` }} />
              </span>
              <span class="step-times">
                {time(step.startedAt)} → {step.endedAt ? time(step.endedAt) : 'running'}
                {step.error && (
                  <span class="step-error">
                    {' '}
                    {step.error}
                    {step.cause && `: ${step.cause}`}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

const time = (iso: string) => new Date(iso).toISOString().slice(11, 23);
