import type { ApiClient } from '../../../testing/handler-harness.ts';
import type { CrashPlan } from './crash-plan.ts';
import type { SideEffectLedger } from './side-effect-ledger.ts';

export interface HttpConsumerOptions {
  readonly api: ApiClient;
  readonly queue: string;
  readonly ack: 'auto' | 'explicit';
  readonly ledger: SideEffectLedger;
  readonly plan: CrashPlan;
}

/** A queue holds nothing more to deliver once nothing is ready, delayed or in flight. */
export async function isDrained(api: ApiClient, queue: string): Promise<boolean> {
  const { json } = await api.get(`/v1/queues/${queue}`);
  return json.messages.ready + json.messages.inFlight + json.messages.delayed === 0;
}

/**
 * A consumer of Postroom's HTTP API that crashes where `plan` says. A crash drops whatever the
 * consumer held (no ack, no nack), as a killed process does. Returns one round of it, the
 * messages that were in its hands when it crashed before processing them, and how many receives
 * outran the invocation's time (the API's crash: their messages are unknown to the consumer).
 */
export function httpConsumer({ api, queue, ack, ledger, plan }: HttpConsumerOptions) {
  const droppedByCrash = new Set<string>();
  const timedOut = { receives: 0 };
  const consumeOnce = async (): Promise<'more' | 'drained'> => {
    const received = await api.post(`/v1/queues/${queue}/receive`, { maxMessages: 10, waitSeconds: 1, ack });
    if (received.status === 504) {
      timedOut.receives++;
      return 'more';
    }
    if (received.status !== 200) throw new Error(`receive answered ${received.status}: ${JSON.stringify(received.json)}`);
    const messages: { messageId: string; receipt?: string }[] = received.json.messages;
    if (messages.length === 0) return (await isDrained(api, queue)) ? 'drained' : 'more';

    const crash = plan.next();
    if (crash === 'afterReceive') {
      for (const { messageId } of messages) droppedByCrash.add(messageId);
      return 'more';
    }
    for (const { messageId } of messages) ledger.record(messageId);
    // With ack "auto" there is nothing left to do or to crash in: the receive deleted them.
    if (ack === 'auto' || crash === 'afterProcessing') return 'more';
    const receipts = messages.map(({ receipt }) => receipt!);
    const acked = crash === 'duringAck' ? receipts.slice(0, plan.partOf(receipts.length)) : receipts;
    if (acked.length > 0) {
      // Receipts the store failed to delete come back after the visibility timeout, as unacked ones do.
      const response = await api.post(`/v1/queues/${queue}/ack`, { receipts: acked });
      if (response.status !== 200) throw new Error(`ack answered ${response.status}: ${JSON.stringify(response.json)}`);
    }
    return 'more';
  };
  return { consumeOnce, droppedByCrash, timedOut };
}
