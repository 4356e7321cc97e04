import { SnsLimits } from './sns-limits.ts';
import { messageAttributeBytes, utf8Bytes } from './sqs-limits.ts';

/**
 * How one publish reaches many queues through the stack's single SNS topic: the message carries
 * the target ids of the queues it was routed to in one `String.Array` attribute, and each queue's
 * subscription lets through only messages that list its own id. Delivery costs one publish
 * whatever the number of queues, and a filter policy has a single key and value, far below SNS's
 * limits of 5 keys and 150 combinations.
 */
export const TARGETS_ATTRIBUTE = 'postroom.targets';
export const TARGETS_DATA_TYPE = 'String.Array';

/** The attribute value listing `targetIds` (SNS reads a `String.Array` as a JSON array). */
export const targetsAttributeValue = (targetIds: readonly string[]): string => JSON.stringify(targetIds);

/** The subscription filter policy of the queue with id `targetId` (MessageAttributes scope). */
export const filterPolicyFor = (targetId: string): string => JSON.stringify({ [TARGETS_ATTRIBUTE]: [targetId] });

/** The size SNS counts for a fan-out message: its body plus the targets attribute. */
export const fanOutMessageBytes = (body: string, targetIds: readonly string[]): number =>
  utf8Bytes(body) + messageAttributeBytes(TARGETS_ATTRIBUTE, TARGETS_DATA_TYPE, targetsAttributeValue(targetIds));

/** Largest fan-out message, attribute included. */
export const MAX_FAN_OUT_MESSAGE_BYTES = SnsLimits.maxMessageBytes;
