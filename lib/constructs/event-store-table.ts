import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { durableTableProps } from './durable-table.ts';

export interface EventStoreTableProps {
  /**
   * What happens to the table, and the events in it, when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The customer-managed key the table is encrypted with.
   *
   * @default - an AWS-managed key
   */
  readonly encryptionKey?: IKey;
}

/**
 * The DynamoDB table holding the event stores' streams: under one partition key per event stream,
 * its head (sort key -1: the last version) and its commits (sort key = the last version a commit
 * holds); snapshots under a key of their own. Events never expire. No DynamoDB stream: events reach
 * subscribers through the store's log, written in the same transaction as the commit.
 */
export class EventStoreTable extends Table {
  constructor(scope: Construct, id: string, props: EventStoreTableProps = {}) {
    super(scope, id, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.NUMBER },
      ...durableTableProps('expiresAt', props.removalPolicy, props.encryptionKey),
    });
  }
}
