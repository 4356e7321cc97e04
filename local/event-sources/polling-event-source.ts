import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsClients } from '../aws/aws-clients.ts';
import type { LocalFunction } from '../lambda/local-function.ts';
import type { EventSourceMapping } from './event-source-mapping.ts';
import type { EventSourceType } from './event-source-type.ts';

/** How long a poller waits after a failed round before the next one. */
const retryPauseMs = 2000;

/** One mapping's poll loop: state that lives across rounds (iterators, a queue URL) sits in its closure. */
export interface PollLoop {
  /** The source as warnings name it (a queue name, a stream ARN). */
  readonly source: string;
  /** One round: read the source, invoke the function, settle the batch. */
  round(signal: AbortSignal): Promise<void>;
}

/**
 * An event source that runs each mapping as Lambda's pollers do: rounds until stopped, and a
 * failed round (the source or the emulator hiccuping) logged and retried after a pause rather
 * than ending the poller.
 */
export function pollingEventSource(
  service: string,
  open: (mapping: EventSourceMapping, fn: LocalFunction, aws: AwsClients, log: (line: string) => void) => PollLoop,
): EventSourceType {
  return {
    service,
    start(mapping, fn, aws, log) {
      const abort = new AbortController();
      const polling = poll(mapping, () => open(mapping, fn, aws, log), log, abort.signal);
      return {
        async stop() {
          abort.abort();
          await polling;
        },
      };
    },
  };
}

async function poll(mapping: EventSourceMapping, open: () => PollLoop, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const loop = open();
  while (!signal.aborted) {
    try {
      await loop.round(signal);
    } catch (error) {
      if (signal.aborted) return;
      log(`warning: ${mapping.logicalId}: polling ${loop.source} failed (${(error as Error).message}); retrying`);
      await sleep(retryPauseMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
