/**
 * Names of the environment variables the CDK stack gives the API function. The stack and the
 * handler both import these, so a rename cannot drift between them.
 */
export const ApiEnvironment = {
  /** DynamoDB table holding Postroom's metadata (queue declarations). */
  metadataTable: 'POSTROOM_METADATA_TABLE',
  /** Prefix of every SQS queue name this stack owns; IAM is scoped to it. */
  queueNamePrefix: 'POSTROOM_QUEUE_PREFIX',
} as const;
