import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PAYLOAD_EXPIRY_DAYS, PAYLOAD_KEY_PREFIX } from '../../functions/core/claim-check.ts';
import { UPLOAD_EXPIRY_DAYS, UPLOAD_KEY_PREFIX } from '../../functions/core/uploads.ts';

export interface PayloadBucketProps {
  /**
   * What happens to the bucket when it leaves the stack. CloudFormation deletes only an empty
   * bucket; its objects are gone at most PAYLOAD_EXPIRY_DAYS after the last publish.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The customer-managed key the payloads are encrypted with.
   *
   * @default - S3-managed keys (SSE-S3)
   */
  readonly encryptionKey?: IKey;
}

/**
 * The S3 bucket of the claim check (functions/core/claim-check.ts): payloads too large for SNS or
 * SQS, one object per publish. Private, encrypted, TLS only; its lifecycle rule deletes every
 * object PAYLOAD_EXPIRY_DAYS (29) after it was written or last renewed, longer than any message
 * that refers to it can live in SQS. Presigned uploads (`uploads/`) expire after UPLOAD_EXPIRY_DAYS
 * (1): a publish copies each to a payload object of its own.
 */
export class PayloadBucket extends Bucket {
  constructor(scope: Construct, id: string, props: PayloadBucketProps = {}) {
    super(scope, id, {
      encryption: props.encryptionKey ? BucketEncryption.KMS : BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.encryptionKey !== undefined,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [
        { id: 'ExpirePayloads', prefix: PAYLOAD_KEY_PREFIX, expiration: Duration.days(PAYLOAD_EXPIRY_DAYS) },
        { id: 'ExpireUploads', prefix: UPLOAD_KEY_PREFIX, expiration: Duration.days(UPLOAD_EXPIRY_DAYS) },
      ],
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "only the broker's functions read and write the payloads, under its role; CloudTrail data events record object access where an audit needs it, without a second bucket for access logs",
    });
  }
}
