import { Token } from 'aws-cdk-lib';

/** SQS allows [A-Za-z0-9_-] in queue names; 20 characters leave room for the queue's own name. */
const QUEUE_NAME_PREFIX = /^[A-Za-z0-9_-]{1,20}$/;

/**
 * Throws unless `prefix` can begin an SQS queue name. Tokens (e.g. a CfnParameter) are only known at
 * deploy time, so they pass unchecked.
 */
export function validateQueueNamePrefix(prefix: string): void {
  if (Token.isUnresolved(prefix) || QUEUE_NAME_PREFIX.test(prefix)) return;
  throw new Error(
    `invalid queueNamePrefix "${prefix}": use 1 to 20 characters from A-Z, a-z, 0-9, "_" and "-"`,
  );
}

/**
 * The prefix a stack uses when none is given: its name, so that two stacks in one account and
 * region own disjoint sets of queues. The separator is `_`, which stack names cannot contain, so
 * stack `Postroom`'s `Postroom_*` never covers stack `Postroom-Dev`'s queues. Cut to 19
 * characters to leave room for the separator.
 */
export function defaultQueueNamePrefix(stackName: string): string {
  if (Token.isUnresolved(stackName)) {
    throw new Error('cannot derive a queue name prefix from an unresolved stack name: set queueNamePrefix');
  }
  return `${stackName.slice(0, 19).replace(/[^A-Za-z0-9-]/g, '')}_`;
}
