import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { durableTableProps } from './durable-table.ts';

export interface IdempotencyTableProps {
  /**
   * What happens to the table, and the remembered Idempotency-Keys in it, when it leaves the stack.
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
 * The DynamoDB table remembering Idempotency-Keys and the responses they were answered with, in
 * Powertools idempotency's schema: key `id`, and `expiration` (epoch seconds) as the TTL attribute.
 */
export class IdempotencyTable extends Table {
  constructor(scope: Construct, id: string, props: IdempotencyTableProps = {}) {
    super(scope, id, {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      ...durableTableProps('expiration', props.removalPolicy, props.encryptionKey),
    });
  }
}
