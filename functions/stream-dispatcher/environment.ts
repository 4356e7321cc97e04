import { requiredVariable } from '../api/config.ts';
import { ApiEnvironment } from '../api/environment.ts';

/** Names of the variables the StreamConsumer construct gives its dispatcher; both import these. */
export const DispatcherEnvironment = {
  metadataTable: 'POSTROOM_METADATA_TABLE',
  stream: 'POSTROOM_STREAM',
  group: 'POSTROOM_GROUP',
  consumerFunction: 'POSTROOM_CONSUMER_FUNCTION',
  deadLetterQueueUrl: 'POSTROOM_DEAD_LETTER_QUEUE_URL',
  maxAttempts: 'POSTROOM_MAX_ATTEMPTS',
  batchSize: 'POSTROOM_BATCH_SIZE',
  /** The broker's queue name prefix, the `Broker` dimension of the dispatcher's metrics; optional: without it, no metrics. */
  broker: ApiEnvironment.queueNamePrefix,
  /** Set by a Projection: the event store table its rebuilds replay. */
  eventStoreTable: 'POSTROOM_EVENT_STORE_TABLE',
} as const;

export type DispatcherConfig = {
  readonly [name in Exclude<keyof typeof DispatcherEnvironment, 'broker' | 'eventStoreTable'>]: name extends 'maxAttempts' | 'batchSize' ? number : string;
} & { readonly broker: string | undefined; readonly eventStoreTable?: string };

export function readDispatcherConfig(environment: NodeJS.ProcessEnv = process.env): DispatcherConfig {
  const required = (name: keyof typeof DispatcherEnvironment): string => requiredVariable(environment, DispatcherEnvironment[name]);
  return {
    metadataTable: required('metadataTable'),
    stream: required('stream'),
    group: required('group'),
    consumerFunction: required('consumerFunction'),
    deadLetterQueueUrl: required('deadLetterQueueUrl'),
    maxAttempts: Number(required('maxAttempts')),
    batchSize: Number(required('batchSize')),
    broker: environment[DispatcherEnvironment.broker] || undefined,
    ...(environment[DispatcherEnvironment.eventStoreTable] && { eventStoreTable: environment[DispatcherEnvironment.eventStoreTable] }),
  };
}
