import { useState } from 'preact/hooks';
import type { DeadLetter, QueueClient } from '../../../client/index.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { Field } from '../../components/field.tsx';
import { headerFilter } from '../../components/header-filter.ts';
import { showJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';

/** Dead letters peeked at most (the API's limit per peek). */
const PEEK_MAX = 100;
/** Dead letters moved per redrive request, so that the progress shows. */
const REDRIVE_STEP = 10;

/** What the peek adds to a dead letter: why and when it died (see functions/core/dead-letter-record.ts). */
interface DeathRecord {
  readonly reason?: string;
  readonly deliveryCount?: number;
  readonly deadLetteredAt?: string | null;
}

/**
 * The queue's dead letters with why they died, filterable by text or `header=value`; redrive or
 * delete the selected ones or all (a redrive of all in steps, with progress), each after a confirmation.
 */
export function DeadLettersSection(props: { readonly queue: QueueClient; readonly onChanged: () => void }) {
  const letters = useLoad(() => props.queue.deadLetters.peek({ max: PEEK_MAX }), [props.queue.name]);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const action = useAction();
  const shown = (letters.data ?? []).filter(matches(filter));
  const changed = () => {
    setSelected(new Set());
    letters.reload();
    props.onChanged();
  };
  const toggle = (messageId: string) => setSelected((current) => (current.has(messageId) ? without(current, messageId) : new Set([...current, messageId])));

  const redriveAll = () =>
    action
      .run(async () => {
        // Asking for no more than there are spares the redrive's wait for letters that never come.
        const total = (await props.queue.describe()).messages.deadLetters;
        let moved = 0;
        while (moved < total) {
          const step = (await props.queue.deadLetters.redrive({ max: Math.min(REDRIVE_STEP, total - moved) })).moved;
          if (step === 0) break;
          moved += step;
          action.setStatus(`Redriving: ${moved} of ${total} moved back…`);
        }
        return `Redrove ${moved} dead letters back to ${props.queue.name}.`;
      })
      .then(changed);
  const redriveSelected = () =>
    action
      .run(async () => {
        const { moved, notFound = [] } = await props.queue.deadLetters.redrive({ messageIds: [...selected] });
        return `Redrove ${moved} selected dead letters back to ${props.queue.name}${notFound.length ? ` (${notFound.length} were gone already)` : ''}.`;
      })
      .then(changed);
  const remove = (messageIds?: string[]) =>
    action
      .run(async () => {
        const { deleted, notFound } = await props.queue.deadLetters.delete(messageIds);
        return `Deleted ${deleted.length} dead letters${notFound.length ? ` (${notFound.length} were gone already)` : ''}.`;
      })
      .then(changed);

  return (
    <section aria-labelledby="dead-letters">
      <h2 id="dead-letters">Dead letters</h2>
      <div class="toolbar">
        <Field label="Filter dead letters" hint="Text in the body or headers, or header=value">
          <input type="search" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} />
        </Field>
        <button type="button" onClick={() => (letters.reload(), props.onChanged())}>
          Refresh
        </button>
        <ConfirmButton
          label={`Redrive selected (${selected.size})`}
          question={`Move ${selected.size} dead letters back to ${props.queue.name}?`}
          disabled={action.busy || selected.size === 0}
          onConfirm={redriveSelected}
        />
        <ConfirmButton label="Redrive all" question={`Move every dead letter back to ${props.queue.name}?`} disabled={action.busy} onConfirm={redriveAll} />
        <ConfirmButton
          label={`Delete selected (${selected.size})`}
          question={`Delete ${selected.size} dead letters for good?`}
          disabled={action.busy || selected.size === 0}
          onConfirm={() => remove([...selected])}
        />
        <ConfirmButton label="Delete all" question="Delete every dead letter for good?" disabled={action.busy} onConfirm={() => remove()} />
      </div>
      <p role="status">{action.status}</p>
      <ProblemBox error={action.error ?? letters.error} />
      <table>
        <caption>
          Dead letters ({shown.length} shown of {letters.data?.length ?? 0} peeked, at most {PEEK_MAX})
        </caption>
        <thead>
          <tr>
            <th scope="col">Select</th>
            <th scope="col">Message id</th>
            <th scope="col">Reason</th>
            <th scope="col" class="numeric">
              Deliveries
            </th>
            <th scope="col">Dead-lettered at</th>
            <th scope="col">Headers</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((letter) => {
            const death = letter as DeathRecord;
            return (
              <tr key={letter.messageId}>
                <td>
                  <input type="checkbox" aria-label={`Select ${letter.messageId}`} checked={selected.has(letter.messageId)} onChange={() => toggle(letter.messageId)} />
                </td>
                <td>
                  <code>{letter.messageId}</code>
                </td>
                <td>{death.reason}</td>
                <td class="numeric">{death.deliveryCount}</td>
                <td>{death.deadLetteredAt ?? 'unknown (moved by SQS)'}</td>
                <td>{showJson(letter.headers)}</td>
                <td class="body">{showJson(letter.body ?? letter.bodyBase64)}</td>
              </tr>
            );
          })}
          {shown.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                No dead letters
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

/** `name=value` matches a header; other text matches the body or the headers. */
function matches(filter: string): (letter: DeadLetter) => boolean {
  const text = filter.trim();
  if (!text) return () => true;
  const header = headerFilter(text);
  if (header) return (letter) => header(letter.headers);
  const needle = text.toLowerCase();
  return (letter) => `${showJson(letter.body ?? letter.bodyBase64)} ${showJson(letter.headers)}`.toLowerCase().includes(needle);
}

function without(set: ReadonlySet<string>, value: string): Set<string> {
  const copy = new Set(set);
  copy.delete(value);
  return copy;
}
