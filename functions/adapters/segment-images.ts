import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StreamIdentity } from '../core/streams/log-keys.ts';
import type { StoredSegment } from '../core/streams/read-slice.ts';
import type { SegmentCodec } from '../core/streams/segment-compression.ts';

/** A segment as a DynamoDB stream of the records table announces it, with where it belongs. */
export interface SegmentImage {
  readonly stream: StreamIdentity;
  readonly partition: number;
  readonly segment: StoredSegment;
}

/** `<stream>#<incarnation>#<partition>`: names have no '#', so producer keys (a fourth part) never match. */
const segmentKeyPattern = /^([^#]+)#([^#]+)#(\d+)$/;

/**
 * The segment a stream record's new image holds, if it is a new segment of the stream named; tails,
 * producer states, removals (TTL) and other streams' segments are undefined. The image comes as
 * the Lambda event gives it: DynamoDB's typed JSON.
 */
export function segmentImageOf(
  record: { readonly eventName?: string; readonly dynamodb?: { readonly NewImage?: Record<string, unknown> } },
  streamName: string,
): SegmentImage | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image === undefined) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  const key = typeof item.pk === 'string' ? segmentKeyPattern.exec(item.pk) : null;
  if (key === null || key[1] !== streamName || typeof item.r !== 'string' || !(item.sk >= 0)) return undefined;
  return {
    stream: { name: key[1], incarnation: key[2]! },
    partition: Number(key[3]),
    segment: {
      base: item.sk as number,
      count: item.n as number,
      timestamp: item.ts as number,
      // The event carries a Binary as base64, which unmarshall leaves a string (see toSegmentItem).
      records: item.c === undefined ? item.r : { codec: item.c as SegmentCodec, bytes: Buffer.from(item.r, 'base64') },
    },
  };
}
