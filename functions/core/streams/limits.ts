/** DynamoDB's item size limit (400 KB), which bounds a segment. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** Room kept in a segment item for its keys, count, timestamps, codec and attribute names (a key is < 300 bytes). */
const SEGMENT_OVERHEAD_BYTES = 1024;

/**
 * The most bytes of packed records one segment holds, counted before compression: compression
 * never stores more than the text (see compressRecords), so every segment fits an item, and a read
 * never decompresses more than this for one record.
 */
export const SEGMENT_CAPACITY_BYTES = MAX_ITEM_BYTES - SEGMENT_OVERHEAD_BYTES;

/** A record must fit a segment on its own: the packed list's brackets take 2 bytes. */
export const MAX_RECORD_BYTES = SEGMENT_CAPACITY_BYTES - 2;

export const MAX_RECORDS_PER_REQUEST = 500;

/**
 * Packed record bytes per produce request ("4 MB"). One partition's share goes into one
 * TransactWriteItems, whose items may add up to 4 MB: this leaves 10 KB for the keys and other
 * attributes of its segments (at most 20 even when records split badly), tail and producer state.
 */
export const MAX_REQUEST_RECORD_BYTES = 3_990_000;

/** Records returned by one read at most, and by default. */
export const MAX_READ_RECORDS = 1000;
export const DEFAULT_READ_RECORDS = 100;

/** DynamoDB ends a Query page at 1 MB; a read fetches one page per MB of its `maxBytes`. */
export const QUERY_PAGE_BYTES = 1024 * 1024;

/** Kafka's max.partition.fetch.bytes default; a read may ask for up to 4 MiB (Lambda answers up to 6 MB). */
export const DEFAULT_READ_BYTES = 1024 * 1024;
export const MAX_READ_BYTES = 4 * 1024 * 1024;
