import type { AwsClients } from '../aws/aws-clients.ts';
import type { LocalFunction } from '../lambda/local-function.ts';
import type { EventSourceMapping } from './event-source-mapping.ts';

export interface RunningEventSource {
  /** Stops polling; resolves once the poller has finished its current batch. */
  stop(): Promise<void>;
}

/** Runs the event-source mappings of one kind of source, as Lambda's pollers do. */
export interface EventSourceType {
  /** The service named in the source ARN, e.g. `sqs`. */
  readonly service: string;
  start(mapping: EventSourceMapping, fn: LocalFunction, aws: AwsClients, log: (line: string) => void): RunningEventSource;
}
