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

const replyAddressPattern = /^rpc-[0-9a-f]{32}$/;

/** A fresh reply address: `rpc-` and 32 hex digits (a UUID without dashes). */
export const newReplyAddress = (): string => `rpc-${randomUUID().replaceAll('-', '')}`;

/**
 * Whether `value` is a reply address. Its queue can never be a Postroom queue's: those SQS names
 * end in `-` and an 8-digit hash (sqs-queue-names.ts), so a reply cannot be sent into a user queue.
 */
export const isReplyAddress = (value: string): boolean => replyAddressPattern.test(value);

/** The SQS queue behind a reply address, inside the stack's queue-name prefix (and so its IAM policy). */
export const replyQueueName = (prefix: string, address: string): string => `${prefix}${address}`;

/**
 * WaitTimeSeconds of the next long poll with `remainingMs` left: whole seconds, rounded up so that
 * one receive covers a wait of up to 20 s (the caller cuts it short at the exact end).
 */
export const replyPollSeconds = (remainingMs: number): number => Math.min(SqsLimits.maxWaitSeconds, Math.ceil(remainingMs / 1000));
