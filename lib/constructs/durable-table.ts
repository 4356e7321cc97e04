import { RemovalPolicy } from 'aws-cdk-lib';
import { BillingMode, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';

/**
 * The settings every Postroom table shares: billed on demand (traffic is bursty and unknown),
 * point-in-time recovery and encryption (they hold customers' messages: AWS-managed, or the
 * customer-managed `encryptionKey`), expiry by TTL, and retained by default so that removing a
 * table from the stack never drops its data.
 */
export function durableTableProps(ttlAttribute: string, removalPolicy: RemovalPolicy = RemovalPolicy.RETAIN, encryptionKey?: IKey) {
  return {
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    ...(encryptionKey ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey } : { encryption: TableEncryption.AWS_MANAGED }),
    timeToLiveAttribute: ttlAttribute,
    removalPolicy,
  } satisfies Partial<TableProps>;
}
