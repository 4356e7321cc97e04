import type { components } from './api-types.ts';

/** The API document's schemas under the names the client uses. */
type Schemas = components['schemas'];

export type HeaderValue = string | number | boolean | null;
export type MessageHeaders = Record<string, HeaderValue>;

export type Queue = Schemas['Queue'];
export type QueueDescription = Schemas['QueueDescription'];
export type QueueSettings = Schemas['DeclareQueueRequest'];
/** One message to publish to a queue: `body` (any JSON) or `bodyBase64`, headers and options. */
export type Message = Exclude<Schemas['PublishRequest'], { messages: unknown }>;
export type Published = Schemas['Published'];
export type ReceivedMessage = Schemas['ReceivedMessages']['messages'][number];
export type Acked = Schemas['Acked'];
export type Nacked = Schemas['Nacked'];
export type Purged = Schemas['Purged'];
export type DeadLetter = Schemas['DeadLetters']['messages'][number];
export type DeadLettersDeleted = Schemas['DeadLettersDeleted'];
export type Redriven = Schemas['Redriven'];

export type Exchange = Schemas['Exchange'];
export type ExchangeSettings = Schemas['DeclareExchangeRequest'];
export type ExchangeType = Exchange['type'];
/** One message to publish through an exchange: a queue message with routing members. */
export type ExchangeMessage = Exclude<Schemas['PublishToExchangeRequest'], { messages: unknown }>;
export type ExchangePublished = Schemas['ExchangePublished'];
export type Binding = Schemas['Binding'];
export type BindingRequest = Schemas['BindingRequest'];
export type TestRouteRequest = Schemas['TestRouteRequest'];
export type Routes = Schemas['Routes'];
export type RpcRequest = Schemas['RpcRequest'];
export type RpcReply = Schemas['RpcReply'];
export type SendReplyRequest = Schemas['SendReplyRequest'];
export type ReplySent = Schemas['ReplySent'];

export type Stream = Schemas['Stream'];
export type StreamDescription = Schemas['StreamDescription'];
export type StreamSettings = Schemas['DeclareStreamRequest'];
/** One record to produce: a `value` (any JSON), an optional key, headers, partition. */
export type StreamRecord = Schemas['ProduceRecordsRequest']['records'][number];
export type Produced = Schemas['Produced'];
export type Records = Schemas['Records'];
export type GroupSummary = Schemas['GroupList']['groups'][number];
export type Group = Schemas['Group'];
export type Offset = Schemas['Committed']['offsets'][number];
export type Committed = Schemas['Committed'];
export type ResetTarget = Schemas['ResetGroupRequest']['to'];
export type Member = Schemas['Member'];
export type Polled = Schemas['Polled'];
export type PolledRecord = Polled['records'][number];

export type SagaSummary = Schemas['SagaList']['sagas'][number];
export type ExecutionStarted = Schemas['ExecutionStarted'];
export type ExecutionList = Schemas['ExecutionList'];
export type Execution = Schemas['Execution'];
export type ExecutionStatus = Execution['status'];
