import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A button for what cannot be undone: its first press asks, inline, to confirm or cancel; only
 * the confirmation runs `onConfirm`. Confirm takes the focus; Escape cancels.
 */
export function ConfirmButton(props: { readonly label: string; readonly question: string; readonly disabled?: boolean; readonly onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  // The autofocus attribute acts only on page load: focus the question's Confirm when it appears.
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class="danger" disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={props.question} onKeyDown={(event) => event.key === 'Escape' && setAsking(false)}>
      <span>{props.question}</span>
      <button type="button" class="danger" ref={confirm} onClick={() => (setAsking(false), props.onConfirm())}>
        Confirm
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
