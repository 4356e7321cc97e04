/** Limits of Amazon SQS (standard queues) that shape Postroom's own limits. */
export const SqsLimits = {
  /** Largest message, body plus message attributes (raised from 256 KiB to 1 MiB in 2025). */
  maxMessageBytes: 1_048_576,
  /** Largest SendMessageBatch request, all bodies and attributes together. */
  maxBatchBytes: 1_048_576,
  /** Entries in one *Batch call. */
  maxBatchEntries: 10,
  /** Messages in one ReceiveMessage call. */
  maxReceiveMessages: 10,
  maxDelaySeconds: 900,
  maxVisibilityTimeoutSeconds: 43_200,
  maxWaitSeconds: 20,
  /** Longest queue name, counting a `.fifo` suffix. */
  maxQueueNameLength: 80,
  /** Longest retention, also what dead-letter queues keep messages for. */
  maxRetentionSeconds: 1_209_600,
} as const;

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** What SQS and SNS count for one message attribute: its name, data type and value, in UTF-8. */
export const messageAttributeBytes = (name: string, dataType: string, value: string): number =>
  utf8Bytes(name) + utf8Bytes(dataType) + utf8Bytes(value);

/** The size SQS counts for a message: its UTF-8 body, plus each attribute's name, type and value. */
export function sqsMessageBytes(body: string, attributes: Readonly<Record<string, string | number>> = {}): number {
  let bytes = utf8Bytes(body);
  for (const [name, value] of Object.entries(attributes)) {
    bytes += messageAttributeBytes(name, typeof value === 'number' ? 'Number' : 'String', String(value));
  }
  return bytes;
}
