import { isCustomResourceType } from './custom-resource-types.ts';
import { dynamodbTable } from './dynamodb-table.ts';
import { httpApi } from './http-api.ts';
import { iamRole } from './iam-role.ts';
import { lambdaFunction } from './lambda-function.ts';
import type { ResourceProvider } from './resource-provider.ts';
import { s3Bucket } from './s3-bucket.ts';
import { snsTopic } from './sns-topic.ts';
import { sqsQueue } from './sqs-queue.ts';
import { stepFunctionsStateMachine } from './step-functions-state-machine.ts';

/** One module per resource type: supporting a new type is adding its module to this list. */
const providers: ReadonlyMap<string, ResourceProvider> = new Map(
  [dynamodbTable, sqsQueue, snsTopic, s3Bucket, lambdaFunction, iamRole, httpApi, stepFunctionsStateMachine].map((provider) => [provider.type, provider]),
);

/**
 * Types with nothing to emulate: IAM and resource policies are not enforced locally (roles get a
 * name and an ARN, see iam-role.ts; local/iam/ records what each function's role allows), logs go to the
 * console, the local gateway serves routes, integrations and stages itself, the local pollers run
 * event-source mappings and the local scheduler runs scheduled rules (schedules/), and alarms and
 * dashboards have no local CloudWatch to live in. Their Ref is a deterministic name; their
 * attributes are unknown.
 */
const notEmulated: ReadonlySet<string> = new Set([
  'AWS::CDK::Metadata',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Logs::LogGroup',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Events::Rule',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::S3::BucketPolicy',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
]);

export type ResourceHandling = { readonly kind: 'provision'; readonly provider: ResourceProvider } | { readonly kind: 'skip' } | { readonly kind: 'unknown' };

export function handlingOf(type: string): ResourceHandling {
  const provider = providers.get(type);
  if (provider) return { kind: 'provision', provider };
  // Created once the functions run (custom-resources.ts).
  if (isCustomResourceType(type)) return { kind: 'skip' };
  return notEmulated.has(type) ? { kind: 'skip' } : { kind: 'unknown' };
}
