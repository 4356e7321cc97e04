import { marshall } from '@aws-sdk/util-dynamodb';
import { itemBytes, writeUnits, type DynamoItem } from '../functions/core/dynamodb-item-size.ts';

/** SQS and SNS bill each 64 KiB chunk of a request's payload as one request. */
const CHUNK_BYTES = 64 * 1024;
/** A read unit covers 4 KB; an eventually consistent read costs half a unit per 4 KB. */
const READ_UNIT_BYTES = 4 * 1024;

/** Billed requests for a call carrying `payloadBytes` of messages: at least one. */
export function billedRequests(payloadBytes: number): number {
  return Math.max(1, Math.ceil(payloadBytes / CHUNK_BYTES));
}

interface MessageAttribute {
  readonly DataType?: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

const utf8 = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text));

/** A message's billed size: its body and each attribute's name, type and value. */
export function messageBytes(body: string | undefined, attributes: Readonly<Record<string, MessageAttribute>> = {}): number {
  return Object.entries(attributes).reduce(
    (sum, [name, value]) => sum + utf8(name) + utf8(value.DataType) + utf8(value.StringValue) + (value.BinaryValue?.byteLength ?? 0),
    utf8(body),
  );
}

/** Payload bytes of an SQS or SNS call: what it sends (sends, publishes) or receives (ReceiveMessage); 0 for the rest. */
export function payloadBytes(command: string, input: any, output: any): number {
  switch (command) {
    case 'SendMessageCommand':
      return messageBytes(input.MessageBody, input.MessageAttributes);
    case 'SendMessageBatchCommand':
      return (input.Entries ?? []).reduce((sum: number, entry: any) => sum + messageBytes(entry.MessageBody, entry.MessageAttributes), 0);
    case 'ReceiveMessageCommand':
      return (output?.Messages ?? []).reduce((sum: number, message: any) => sum + messageBytes(message.Body, message.MessageAttributes), 0);
    case 'PublishCommand':
      return messageBytes(input.Message, input.MessageAttributes);
    case 'PublishBatchCommand':
      return (input.PublishBatchRequestEntries ?? []).reduce((sum: number, entry: any) => sum + messageBytes(entry.Message, entry.MessageAttributes), 0);
    default:
      return 0;
  }
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);

/**
 * The item in DynamoDB's wire format. The benchmark's clients carry both forms: the low-level
 * client's commands are marshalled, the document client's are plain values until serialization.
 */
export function wireItem(item: Record<string, unknown>): DynamoItem {
  const marshalled = Object.values(item).every((value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) return false;
    const keys = Object.keys(value);
    return keys.length === 1 && ATTRIBUTE_TYPES.has(keys[0]!);
  });
  return (marshalled ? item : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true })) as DynamoItem;
}

/** Read units of a read returning `bytes` (summed over a Query's items): at least one 4 KB unit. */
export function readUnits(bytes: number, { consistent = false, transactional = false }: { consistent?: boolean; transactional?: boolean } = {}): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return transactional ? units * 2 : consistent ? units : units / 2;
}

/** One item a write touches: its size is known from the request (a put) or must be looked up (updates, deletes, condition checks). */
export type WriteTarget =
  | { readonly item: DynamoItem }
  | { readonly table: string; readonly key: DynamoItem; readonly when: 'after' | 'before' };

export interface WritePlan {
  readonly targets: readonly WriteTarget[];
  readonly transactional: boolean;
}

/** The items a DynamoDB write command touches, or undefined for a read or a control-plane call. */
export function writePlan(command: string, input: any): WritePlan | undefined {
  const lookup = (action: any, when: 'after' | 'before'): WriteTarget => ({ table: action.TableName, key: wireItem(action.Key), when });
  switch (command) {
    case 'PutItemCommand':
      return { targets: [{ item: wireItem(input.Item) }], transactional: false };
    case 'UpdateItemCommand':
      return { targets: [lookup(input, 'after')], transactional: false };
    case 'DeleteItemCommand':
      return { targets: [lookup(input, 'before')], transactional: false };
    case 'BatchWriteItemCommand':
      return {
        transactional: false,
        targets: Object.entries(input.RequestItems ?? {}).flatMap(([table, requests]) =>
          (requests as any[]).map((request): WriteTarget => (request.PutRequest ? { item: wireItem(request.PutRequest.Item) } : lookup({ TableName: table, Key: request.DeleteRequest.Key }, 'before'))),
        ),
      };
    case 'TransactWriteItemsCommand':
      return {
        transactional: true,
        targets: (input.TransactItems ?? []).map((action: any): WriteTarget => {
          if (action.Put) return { item: wireItem(action.Put.Item) };
          if (action.Update) return lookup(action.Update, 'after');
          return lookup(action.Delete ?? action.ConditionCheck, 'before');
        }),
      };
    default:
      return undefined;
  }
}

/** Write units of a plan once each item's size is known (an absent item still costs one unit). */
export function planWriteUnits(plan: WritePlan, sizes: readonly number[]): number {
  return sizes.reduce((sum, bytes) => sum + writeUnits(bytes, { transactional: plan.transactional }), 0);
}

/** Read units of a DynamoDB read command from the items it returned; undefined for anything else. */
export function readCommandUnits(command: string, input: any, output: any): number | undefined {
  const size = (items: readonly Record<string, unknown>[] = []) => items.reduce((sum, item) => sum + itemBytes(wireItem(item)), 0);
  const consistent = input.ConsistentRead === true;
  switch (command) {
    case 'GetItemCommand':
      return readUnits(output?.Item ? size([output.Item]) : 0, { consistent });
    case 'QueryCommand':
    case 'ScanCommand':
      return readUnits(size(output?.Items), { consistent });
    case 'BatchGetItemCommand':
      return Object.entries(output?.Responses ?? {}).reduce(
        (sum, [table, items]) => sum + (items as Record<string, unknown>[]).reduce((units, item) => units + readUnits(size([item]), { consistent: input.RequestItems?.[table]?.ConsistentRead === true }), 0),
        0,
      );
    case 'TransactGetItemsCommand':
      return (output?.Responses ?? []).reduce((sum: number, response: any) => sum + readUnits(response.Item ? size([response.Item]) : 0, { transactional: true }), 0);
    default:
      return undefined;
  }
}
