/** Events per append (KurrentDB has no fixed count; this bounds one transaction and one commit item). */
export const MAX_EVENTS_PER_APPEND = 100;

/**
 * Encoded event bytes per append: the commit item holds them all and must stay under DynamoDB's
 * 400 KB with its keys; the log's segments hold them again, with their envelope, in the same transaction.
 */
export const MAX_APPEND_BYTES = 380 * 1024;

/** A snapshot is one item too. */
export const MAX_SNAPSHOT_BYTES = 390 * 1024;

/** Events one read returns at most, and by default. */
export const MAX_READ_EVENTS = 1000;
export const DEFAULT_READ_EVENTS = 100;

/**
 * How many of a stream's latest commits an `any` or `exists` append with event ids is checked
 * against for a repeat (KurrentDB checks such appends against a cache of recent event ids).
 */
export const RECENT_COMMITS_CHECKED = 20;
