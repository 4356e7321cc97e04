import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailedError } from './aws-errors.ts';
import { ChangeRejectedError, type TopologyChange, type TopologyWriter } from './topology-writer.ts';

/**
 * A put that writes a declaration only while its key is free. The condition is the lock that lets
 * concurrent declarations of one name end with one item, and ALL_OLD hands the loser the
 * winner's item, so it can answer without another read.
 */
const putUnlessTaken = (tableName: string, item: Record<string, unknown>) => ({
  TableName: tableName,
  Item: item,
  ConditionExpression: 'attribute_not_exists(pk)',
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
});

/**
 * Writes `item` as a topology change unless its key is taken, together with `alongside`.
 * @returns undefined when it was written, else the item already there
 * @throws ChangeRejectedError (index ≥ 1) when the condition of one of `alongside` failed
 */
export async function declareInTopology(
  writer: TopologyWriter,
  tableName: string,
  item: Record<string, unknown>,
  alongside: readonly TopologyChange[] = [],
): Promise<Record<string, unknown> | undefined> {
  try {
    await writer.write([{ Put: putUnlessTaken(tableName, item) }, ...alongside]);
    return undefined;
  } catch (error) {
    if (error instanceof ChangeRejectedError && error.index === 0 && error.item) return error.item;
    throw error;
  }
}

/**
 * Writes `item` on its own (no topology change) unless its key is taken.
 * @returns undefined when it was written, else the item already there
 */
export async function declareInTable(documents: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  try {
    await documents.send(new PutCommand(putUnlessTaken(tableName, item)));
    return undefined;
  } catch (error) {
    // The document client does not unmarshall items carried by errors.
    if (isConditionalCheckFailedError(error) && error.Item) return unmarshall(error.Item as Record<string, AttributeValue>);
    throw error;
  }
}
