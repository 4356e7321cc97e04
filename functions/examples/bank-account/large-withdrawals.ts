import { PostroomClient } from '../../../client/postroom-client.ts';
import { requiredVariable } from '../../api/config.ts';
import type { LoggedEvent } from '../../consumer/projection.ts';
import { postroomStreamConsumer } from '../../consumer/stream-consumer.ts';
import { outboxPublisher } from '../../outbox-relay/outbox-publisher.ts';
import { LARGE_WITHDRAWAL } from './account.ts';
import { BankAccountEnvironment } from './environment.ts';
import { NOTIFICATIONS_EXCHANGE } from './names.ts';

const publish = outboxPublisher(new PostroomClient().raw, { kind: 'exchange', name: NOTIFICATIONS_EXCHANGE });

/**
 * Announces each withdrawal of LARGE_WITHDRAWAL or more, read from the `accounts` store's log. The
 * log is the outbox here: the API appends an event to it in the append's own transaction, so a
 * withdrawal is announced if and only if it happened, with no table of ours to write an outbox to.
 * Like PostroomOutbox's relay, each message is published with its id (the event's) as the
 * Idempotency-Key and message id; each record is also handled once by its event id.
 */
export const handler = postroomStreamConsumer(
  async ({ value }) => {
    const event = value as LoggedEvent;
    const { amount } = event.data as { amount: number };
    if (event.type !== 'MoneyWithdrawn' || amount < LARGE_WITHDRAWAL) return;
    await publish({ id: event.eventId, routingKey: 'withdrawal.large', body: JSON.stringify({ accountId: event.streamId, amount, version: event.version, withdrawnAt: event.recordedAt }) });
  },
  { tableName: requiredVariable(process.env, BankAccountEnvironment.idempotencyTable), keyPrefix: 'bank.large-withdrawals', key: ({ value }) => (value as LoggedEvent).eventId },
);
