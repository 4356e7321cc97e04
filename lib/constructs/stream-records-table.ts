import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { durableTableProps } from './durable-table.ts';

export interface StreamRecordsTableProps {
  /**
   * What happens to the table, and the streams' records in it, when it leaves the stack.
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
 * The DynamoDB table holding the streams' logs: under one partition key per stream partition, the
 * segments (sort key = base offset) and the partition's tail (sort key -1); producer states under
 * keys of their own. Segments and producer states expire by TTL on `expiresAt` once past their
 * retention; readers never return expired records, whatever the TTL sweep's lag.
 */
export class StreamRecordsTable extends Table {
  constructor(scope: Construct, id: string, props: StreamRecordsTableProps = {}) {
    super(scope, id, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.NUMBER },
      // New segments feed push consumers (StreamConsumer).
      stream: StreamViewType.NEW_IMAGE,
      ...durableTableProps('expiresAt', props.removalPolicy, props.encryptionKey),
    });
  }
}
