// postroom/client: a typed client for Postroom's HTTP API (see README, "Client").
export { PostroomClient, type PostroomClientOptions } from './postroom-client.ts';
export { PostroomError, type Problem } from './problem-error.ts';
export { Queues, QueueClient, DeadLetters, type ReceiveOptions, type NackOptions, type Receipts } from './queues.ts';
export { Exchanges, ExchangeClient, type BindingTarget, type ExchangePublishOptions } from './exchanges.ts';
export { Streams, StreamClient, GroupClient, type ReadOptions } from './streams.ts';
export { Sagas, SagaClient, type WaitOptions } from './sagas.ts';
export type { ConsumeOptions, ConsumeSummary, MessageHandler } from './consume.ts';
export type { GroupConsumeOptions, GroupConsumeSummary, RecordHandler } from './group-consume.ts';
export { defaultRetryOptions, type RetryOptions } from './retry.ts';
export type { BatchOptions } from './batches.ts';
export type { AwsCredentials, SigningOptions } from './sigv4.ts';
export type { RawClient } from './http.ts';
export type { paths, components, operations } from './api-types.ts';
export type * from './types.ts';
