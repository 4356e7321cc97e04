import type { ComponentChildren } from 'preact';

/** A labelled form control: the label wraps it, so every input has an accessible name. */
export function Field(props: { readonly label: string; readonly hint?: string; readonly children: ComponentChildren }) {
  return (
    <label class="field">
      <span class="label">{props.label}</span>
      {props.children}
      {props.hint && <span class="hint">{props.hint}</span>}
    </label>
  );
}

/** Pairs of a definition list: settings, counts. */
export function Facts(props: { readonly label: string; readonly facts: ReadonlyArray<readonly [string, ComponentChildren]> }) {
  return (
    <dl class="facts" aria-label={props.label}>
      {props.facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
