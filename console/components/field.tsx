import type { ComponentChildren } from 'preact';

/**
 * A labelled form control: the label wraps it, so every input has an accessible name; the hint
 * stays outside, so that the name is the label alone.
 */
export function Field(props: { readonly label: string; readonly hint?: string; readonly children: ComponentChildren }) {
  return (
    <div class="field">
      <label>
        <span class="label">{props.label}</span>
        {props.children}
      </label>
      {props.hint && <span class="hint">{props.hint}</span>}
    </div>
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
