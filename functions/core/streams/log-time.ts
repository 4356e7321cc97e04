/**
 * Log-append time: the broker's clock at append, but never earlier than the partition's last
 * append, so that timestamps never decrease along a partition even when clocks of the appending
 * containers disagree. Every record of one append gets the same time, as Kafka's LogAppendTime
 * stamps a whole batch.
 */
export const appendTimestamp = (now: number, lastTimestamp: number): number => Math.max(now, lastTimestamp);

/** Records appended at `timestamp` (epoch ms) are readable until the retention has passed. */
export const isRetained = (timestamp: number, retentionMs: number, now: number): boolean => timestamp + retentionMs > now;

/**
 * The TTL attribute (epoch seconds) of items appended at `timestamp`: DynamoDB may delete them only
 * after they left the retention, which readers enforce themselves since the TTL sweep lags.
 */
export const expiresAtSeconds = (timestamp: number, retentionMs: number): number => Math.ceil((timestamp + retentionMs) / 1000);
