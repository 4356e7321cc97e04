import { client } from '../../api.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { Facts } from '../../components/field.tsx';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { DeadLettersSection } from './dead-letters-section.tsx';
import { PeekSection } from './peek-section.tsx';
import { PublishForm } from './publish-form.tsx';

/** One queue: settings and counts, publish, a look at its messages, its dead letters, purge. */
export function QueuePage({ name }: { readonly name: string }) {
  const queue = client.queue(name);
  const description = useLoad(() => queue.describe(), [name], 5000);
  const purge = useAction();
  const settings = description.data;
  return (
    <>
      <h1>
        Queue <code>{name}</code>
      </h1>
      <ProblemBox error={description.error} />
      {settings && (
        <section aria-labelledby="queue-state">
          <h2 id="queue-state">Counts and settings</h2>
          <Facts
            label="Message counts"
            facts={[
              ['Ready', settings.messages.ready],
              ['In flight', settings.messages.inFlight],
              ['Delayed', settings.messages.delayed],
              ['Dead letters', settings.messages.deadLetters],
            ]}
          />
          <Facts
            label="Settings"
            facts={[
              ['Max deliveries', settings.maxDeliveries],
              ['Visibility timeout', `${settings.visibilityTimeoutSeconds} s`],
              ['Retention', `${settings.retentionSeconds} s`],
              ['Delay', `${settings.delaySeconds} s`],
              ['Max priority', settings.maxPriority ?? '–'],
              ['Message TTL', settings.messageTtlMs === undefined ? '–' : `${settings.messageTtlMs} ms`],
              ['Dead-letter exchange', settings.deadLetterExchange ?? '–'],
              ['FIFO', settings.fifo ? 'yes' : 'no'],
              ['Created', settings.createdAt],
            ]}
          />
        </section>
      )}
      <PublishForm queue={queue} onPublished={description.reload} />
      <PeekSection queue={queue} onSettled={description.reload} />
      <DeadLettersSection queue={queue} onChanged={description.reload} />
      <section aria-labelledby="purge">
        <h2 id="purge">Purge</h2>
        <p>Deletes every message of the queue (not its dead letters).</p>
        <ConfirmButton
          label="Purge queue"
          question={`Delete every message of ${name}?`}
          disabled={purge.busy}
          onConfirm={() =>
            purge
              .run(async () => {
                const { purged } = await queue.purge();
                return `Purged ${purged.ready} ready, ${purged.inFlight} in flight and ${purged.delayed} delayed messages.`;
              })
              .then(description.reload)
          }
        />
        <p role="status">{purge.status}</p>
        <ProblemBox error={purge.error} />
      </section>
    </>
  );
}
