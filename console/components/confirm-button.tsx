import { useState } from 'preact/hooks';

/**
 * A button for what cannot be undone: its first press asks, inline, to confirm or cancel; only
 * the confirmation runs `onConfirm`.
 */
export function ConfirmButton(props: { readonly label: string; readonly question: string; readonly disabled?: boolean; readonly onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="danger" disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>
      <button type="button" class="danger" autoFocus onClick={() => (setAsking(false), props.onConfirm())}>
        Confirm
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
