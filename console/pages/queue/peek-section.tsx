import { useState } from 'preact/hooks';
import type { QueueClient, ReceivedMessage } from '../../../client/index.ts';
import { DataTable } from '../../components/data-table.tsx';
import { showJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';

/** How long peeked messages stay invisible if the nack back does not reach the queue. */
const PEEK_VISIBILITY_SECONDS = 5;

/**
 * A look at ready messages without losing them: a receive with a short visibility, then a nack
 * that requeues them at once. It counts as a delivery of each, as any receive does.
 */
export function PeekSection(props: { readonly queue: QueueClient; readonly onSettled: () => void }) {
  const [messages, setMessages] = useState<ReceivedMessage[]>();
  const peek = useAction();
  const run = () =>
    peek.run(async () => {
      const received = await props.queue.receive({ max: 10, visibilitySeconds: PEEK_VISIBILITY_SECONDS });
      if (received.length) await props.queue.nack(received, { requeue: true, delaySeconds: 0 });
      setMessages(received);
      props.onSettled();
      return `Received ${received.length} and put ${received.length === 1 ? 'it' : 'them'} back.`;
    });
  return (
    <section aria-labelledby="peek">
      <h2 id="peek">Look at messages</h2>
      <p class="warning">
        Receives up to 10 ready messages with a {PEEK_VISIBILITY_SECONDS} s visibility and nacks them straight back to the queue. Each counts as a delivery: a
        message at its last delivery is dead-lettered instead.
      </p>
      <button type="button" disabled={peek.busy} onClick={run}>
        Receive and nack back
      </button>
      <p role="status">{peek.status}</p>
      <ProblemBox error={peek.error} />
      {messages && (
        <DataTable<ReceivedMessage>
          caption="Received messages"
          rows={messages}
          rowKey={(message) => message.messageId}
          columns={[
            { label: 'Message id', value: (message) => message.messageId },
            { label: 'Deliveries', value: (message) => message.deliveryCount, numeric: true },
            { label: 'Headers', value: (message) => showJson(message.headers) },
            { label: 'Body', value: (message) => showJson(message.body ?? message.bodyBase64) },
          ]}
        />
      )}
    </section>
  );
}
