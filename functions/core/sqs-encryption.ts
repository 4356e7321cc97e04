/** CreateQueue attributes for server-side encryption. */
export type SqsEncryptionAttributes = Readonly<Record<string, string>>;

/**
 * How Postroom's SQS queues are encrypted at rest: with the customer-managed KMS key when the
 * stack has one (SQS reuses a data key for 5 minutes, its default, which bounds the KMS calls),
 * else with SQS-managed keys, which cost nothing and need no key policy.
 */
export const sqsEncryptionAttributes = (kmsKeyArn?: string): SqsEncryptionAttributes =>
  kmsKeyArn ? { KmsMasterKeyId: kmsKeyArn, KmsDataKeyReusePeriodSeconds: '300' } : { SqsManagedSseEnabled: 'true' };
