import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { physicalName } from '../template/physical-name.ts';
import type { ResourceContext, ResourceProvider } from './resource-provider.ts';

interface TemplateEncryptionRule {
  readonly ServerSideEncryptionByDefault: { readonly SSEAlgorithm: string; readonly KMSMasterKeyID?: string };
  readonly BucketKeyEnabled?: boolean | string;
}

interface TemplateLifecycleRule {
  readonly Id?: string;
  readonly Status: string;
  readonly Prefix?: string;
  readonly ExpirationInDays?: number | string;
}

/**
 * AWS::S3::Bucket, with its encryption, public access block and lifecycle rules (expiry by days)
 * as the template declares them. CreateBucket of a bucket this account owns succeeds in
 * us-east-1, so a second start reuses it. The bucket policy (enforceSSL) is not emulated.
 */
export const s3Bucket: ResourceProvider = {
  type: 'AWS::S3::Bucket',
  async provision(resource) {
    // Bucket names are lower case, 3 to 63 characters.
    const bucketName = (resource.property('BucketName') as string | undefined) ?? physicalName(resource.stackName, resource.logicalId, { maxLength: 63 }).toLowerCase();
    const s3 = resource.aws.get(S3Client);
    const region = resource.aws.target.region;
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucketName, ...(region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: region as never } }) }));
    } catch (error) {
      if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
    }
    await configure(s3, bucketName, resource);
    return {
      physicalId: bucketName,
      attributes: { Arn: `arn:aws:s3:::${bucketName}`, DomainName: `${bucketName}.s3.amazonaws.com`, RegionalDomainName: `${bucketName}.s3.${region}.amazonaws.com` },
    };
  },
};

async function configure(s3: S3Client, bucket: string, resource: ResourceContext): Promise<void> {
  const encryption = resource.property('BucketEncryption') as { ServerSideEncryptionConfiguration: readonly TemplateEncryptionRule[] } | undefined;
  if (encryption) {
    // The template's ServerSideEncryptionByDefault is the API's ApplyServerSideEncryptionByDefault.
    const rules = encryption.ServerSideEncryptionConfiguration.map(({ ServerSideEncryptionByDefault, BucketKeyEnabled }) => ({
      ApplyServerSideEncryptionByDefault: ServerSideEncryptionByDefault as never,
      ...(BucketKeyEnabled !== undefined && { BucketKeyEnabled: String(BucketKeyEnabled) === 'true' }),
    }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: rules } }));
  }
  const publicAccess = resource.property('PublicAccessBlockConfiguration') as Record<string, boolean | string> | undefined;
  if (publicAccess) {
    const flag = (name: string) => String(publicAccess[name]) === 'true';
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: flag('BlockPublicAcls'),
          BlockPublicPolicy: flag('BlockPublicPolicy'),
          IgnorePublicAcls: flag('IgnorePublicAcls'),
          RestrictPublicBuckets: flag('RestrictPublicBuckets'),
        },
      }),
    );
  }
  const rules = (resource.property('LifecycleConfiguration') as { Rules: readonly TemplateLifecycleRule[] } | undefined)?.Rules;
  if (rules) await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules.map(lifecycleRule) } }));
}

/** A template rule as the API takes it: the rules Postroom declares (a prefix, expiry in days). */
function lifecycleRule(rule: TemplateLifecycleRule): LifecycleRule {
  return {
    ID: rule.Id,
    Status: rule.Status as LifecycleRule['Status'],
    Filter: { Prefix: rule.Prefix ?? '' },
    ...(rule.ExpirationInDays !== undefined && { Expiration: { Days: Number(rule.ExpirationInDays) } }),
  };
}
