import type { MessageHeaders } from './schemas/message-requests.ts';

/** The W3C Trace Context header, also the message and record header that carries it to consumers. */
export const TRACEPARENT = 'traceparent';

export interface TraceParent {
  readonly traceId: string;
  readonly parentId: string;
}

// version 00: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>; all-zero ids are invalid.
const format = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** A `traceparent` value as W3C Trace Context (version 00) defines it; undefined for anything else. */
export function parseTraceparent(value: string | undefined): TraceParent | undefined {
  const match = value === undefined ? null : format.exec(value.trim());
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  return { traceId: match[1]!, parentId: match[2]! };
}

/** Headers with `traceparent` added, unless absent from the request or already set by the producer. */
export function withTraceparent(headers: MessageHeaders, traceparent: string | undefined): MessageHeaders {
  return traceparent === undefined || Object.hasOwn(headers, TRACEPARENT) ? headers : { ...headers, [TRACEPARENT]: traceparent };
}
