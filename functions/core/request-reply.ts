import { randomUUID } from 'node:crypto';
import { SqsLimits } from './sqs-limits.ts';

/**
 * Request-reply (RPC) over exchanges: each call waits on a temporary SQS queue of its own, named
 * by an opaque reply address that responders find in the request's `replyTo`.
 */

export const DEFAULT_RPC_TIMEOUT_MS = 5_000;
/** Longest wait for a reply: room for the answer within API Gateway's 30 s. */
export const MAX_RPC_TIMEOUT_MS = 25_000;
/** SQS's shortest retention: a reply queue's messages outlive no caller by much. */
export const REPLY_QUEUE_RETENTION_SECONDS = 60;

const REPLY_ADDRESS_START = 'rpc-';
const replyAddressPattern = new RegExp(`^${REPLY_ADDRESS_START}[0-9a-f]{32}$`);

/** A fresh reply address: `rpc-` and 32 hex digits (a UUID without dashes). */
export const newReplyAddress = (): string => `${REPLY_ADDRESS_START}${randomUUID().replaceAll('-', '')}`;

/**
 * Whether `value` is a reply address. Its queue can never be a Postroom queue's: those SQS names
 * end in `-` and an 8-digit hash (sqs-queue-names.ts), so a reply cannot be sent into a user queue.
 */
export const isReplyAddress = (value: string): boolean => replyAddressPattern.test(value);

/** The SQS queue behind a reply address, inside the stack's queue-name prefix (and so its IAM policy). */
export const replyQueueName = (prefix: string, address: string): string => `${prefix}${address}`;

/** What the names of the stack's reply queues start with: ListQueues finds them by it, IAM scopes the sweeper to it. */
export const replyQueueNamePrefix = (prefix: string): string => `${prefix}${REPLY_ADDRESS_START}`;

/** Whether the SQS queue `name` is a reply queue of the stack with queue-name prefix `prefix`. */
export const isReplyQueueName = (prefix: string, name: string): boolean => name.startsWith(prefix) && isReplyAddress(name.slice(prefix.length));

/**
 * Age past which a reply queue is orphaned (its caller was killed mid-wait): far beyond the
 * longest call (MAX_RPC_TIMEOUT_MS, inside API Gateway's 30 s), so that no clock skew between
 * SQS's timestamps and the sweeper's clock can take a live call's queue.
 */
export const ORPHANED_REPLY_QUEUE_AGE_MS = 5 * 60_000;

/** Whether a reply queue created at `createdAtSeconds` (SQS's CreatedTimestamp) is orphaned at `nowMs`. */
export const isOrphanedReplyQueue = (createdAtSeconds: number, nowMs: number): boolean =>
  nowMs - createdAtSeconds * 1000 > ORPHANED_REPLY_QUEUE_AGE_MS;

/**
 * WaitTimeSeconds of the next long poll with `remainingMs` left: whole seconds, rounded up so that
 * one receive covers a wait of up to 20 s (the caller cuts it short at the exact end).
 */
export const replyPollSeconds = (remainingMs: number): number => Math.min(SqsLimits.maxWaitSeconds, Math.ceil(remainingMs / 1000));
