import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { durableTableProps } from './durable-table.ts';

export interface MetadataTableProps {
  /**
   * What happens to the table, and the queue declarations in it, when it leaves the stack.
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
 * The DynamoDB table holding Postroom's metadata. Its key schema is generic (`pk`, `sk`) so new
 * record types need no new table; items with an `expiresAt` epoch-seconds attribute expire by TTL.
 */
export class MetadataTable extends Table {
  constructor(scope: Construct, id: string, props: MetadataTableProps = {}) {
    super(scope, id, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      ...durableTableProps('expiresAt', props.removalPolicy, props.encryptionKey),
    });
  }
}
