import { useState } from 'preact/hooks';
import type { QueueClient } from '../../../client/index.ts';
import { Field } from '../../components/field.tsx';
import { parseHeaders } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';

/** Publishes one test message: a body (JSON, else sent as a string), headers, priority, delay. */
export function PublishForm(props: { readonly queue: QueueClient; readonly onPublished: () => void }) {
  const [body, setBody] = useState('{"hello": "world"}');
  const [headers, setHeaders] = useState('');
  const [priority, setPriority] = useState('');
  const [delay, setDelay] = useState('');
  const publish = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void publish.run(async () => {
      const { messageIds } = await props.queue.publish({
        body: jsonOrText(body),
        ...(headers.trim() && { headers: parseHeaders(headers) }),
        ...(priority !== '' && { priority: Number(priority) }),
        ...(delay !== '' && { delaySeconds: Number(delay) }),
      });
      props.onPublished();
      return `Published message ${messageIds[0]}.`;
    });
  };
  return (
    <section aria-labelledby="publish">
      <h2 id="publish">Publish a test message</h2>
      <form onSubmit={submit}>
        <Field label="Body" hint="JSON; anything else is sent as a string">
          <textarea rows={3} value={body} onInput={(event) => setBody(event.currentTarget.value)} />
        </Field>
        <Field label="Headers" hint='A JSON object, e.g. {"type": "order"}'>
          <textarea rows={2} value={headers} onInput={(event) => setHeaders(event.currentTarget.value)} />
        </Field>
        <div class="row">
          <Field label="Priority">
            <input type="number" min={0} max={255} value={priority} onInput={(event) => setPriority(event.currentTarget.value)} />
          </Field>
          <Field label="Delay (seconds)">
            <input type="number" min={0} max={900} value={delay} onInput={(event) => setDelay(event.currentTarget.value)} />
          </Field>
        </div>
        <button type="submit" disabled={publish.busy}>
          Publish
        </button>
        <p role="status">{publish.status}</p>
        <ProblemBox error={publish.error} />
      </form>
    </section>
  );
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
