import type { SqsDelivery } from '../../../adapters/sqs-messages.ts';
import { openMessage } from '../../../core/envelope.ts';

/** The id a peek shows for a dead letter: its envelope's, else SQS's. */
export const messageIdOf = (letter: SqsDelivery): string => openMessage(letter.body, { messageId: letter.messageId, publishedAt: null }).messageId;

/**
 * Dead letters picked by the ids a peek shows (every one without ids), for SqsDeadLetters.discard:
 * its `chosen` and `done`, and the ids of a request that were not among those it handled.
 */
export function deadLetterSelection(wanted: readonly string[] | undefined) {
  const selected = wanted && new Set(wanted);
  const found = new Set<string>();
  return {
    chosen(letter: SqsDelivery): boolean {
      const id = messageIdOf(letter);
      if (selected && !selected.has(id)) return false;
      found.add(id);
      return true;
    },
    ...(selected && { done: () => found.size === selected.size }),
    /** The distinct ids of `handled`, and the selected ids not among them. */
    outcome(handled: readonly SqsDelivery[]): { readonly ids: string[]; readonly notFound: string[] } {
      const ids = [...new Set(handled.map(messageIdOf))];
      return { ids, notFound: selected ? [...selected].filter((id) => !ids.includes(id)) : [] };
    },
  };
}
