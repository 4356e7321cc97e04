import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

export interface IdempotencyTableProps {
  /**
   * What happens to the table, and the remembered Idempotency-Keys in it, when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The DynamoDB table remembering Idempotency-Keys and the responses they were answered with, in
 * Powertools idempotency's schema: key `id`, and `expiration` (epoch seconds) as the TTL attribute.
 */
export class IdempotencyTable extends Table {
  constructor(scope: Construct, id: string, props: IdempotencyTableProps = {}) {
    super(scope, id, {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: 'expiration',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
