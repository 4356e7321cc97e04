import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from './tracing.ts';

// The process's AWS clients, one of each, built with the SDK's defaults: region, credentials and
// endpoint come from the environment (AWS_ENDPOINT_URL points local runs at the emulator). Every
// AWS call Postroom makes goes through these, so middleware added to their stacks (such as the
// benchmark's call counter, X-Ray's subsegments when tracing is on) sees all of it.

export const sqs = traced(new SQSClient({}));

export const sns = traced(new SNSClient({}));

export const dynamodb = traced(new DynamoDBClient({}));

export const s3 = new S3Client({});

/**
 * Signs S3 URLs (presigned uploads and downloads). Its own client because a presigned PUT must
 * carry no checksum: the SDK's default one would be computed over the empty body at signing time.
 * Built when first asked for: it sends nothing, and only uploads and large bodies sign.
 */
export const s3Signer = (): S3Client => (signer ??= new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }));

let signer: S3Client | undefined;

/** Shares `dynamodb`'s middleware stack. */
export const documents = DynamoDBDocumentClient.from(dynamodb);
