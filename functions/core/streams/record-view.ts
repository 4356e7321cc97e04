import type { ReadRecord } from './read-slice.ts';

/** Timestamps are epoch ms inside Postroom and ISO 8601 in the API, as queue messages' publishedAt. */
export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * A record as readers get it, over HTTP (`GET …/records`, a member's poll) and in a push
 * consumer's event: `{offset, key, value, headers, timestamp}`.
 */
export const recordView = ({ offset, key, value, headers, timestamp }: ReadRecord) => ({ offset, key, value, headers, timestamp: isoTime(timestamp) });
