import { ArnFormat, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { brokerEnvironment, type BrokerEnvironmentProps } from '../broker-environment.ts';
import { postroomFunction } from '../postroom-function.ts';

/** What declaring and deleting queues does to SQS; no message is sent or received. */
const QUEUE_ADMIN_ACTIONS = ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:TagQueue'];

export interface TopologyFunctionProps extends BrokerEnvironmentProps {
  /**
   * What happens to the function's log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * X-Ray active tracing of the function (Powertools Tracer: the handler, its AWS SDK calls,
   * annotations); off, the function does not even load the tracer.
   *
   * @default true
   */
  readonly tracing?: boolean;
}

/**
 * The handler of the `Custom::PostroomTopology` resources that PostroomQueue, PostroomExchange,
 * PostroomBinding and PostroomStream create: it runs the HTTP API's own declare, bind and delete
 * operations, with only the permissions those need (the metadata table, its queues'
 * administration, subscriptions, and the records table, where a stream's partition tails live).
 */
export class TopologyFunction extends Construct {
  readonly lambdaFunction: LambdaFunction;

  constructor(scope: Construct, id: string, props: TopologyFunctionProps) {
    super(scope, id);
    const { lambdaFunction, role } = postroomFunction(this, {
      entry: 'topology-resource/handler.ts',
      memorySize: 256,
      // Deleting a queue with many bindings takes several transactions; CloudFormation waits up to an hour.
      timeout: Duration.minutes(5),
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
      environment: brokerEnvironment(props),
    });
    this.lambdaFunction = lambdaFunction;

    props.metadataTable.grantReadWriteData(role);
    props.streamRecordsTable.grantReadWriteData(role);
    const ownQueues = Stack.of(this).formatArn({ service: 'sqs', resource: `${props.queueNamePrefix}*`, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: QUEUE_ADMIN_ACTIONS, resources: [ownQueues] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${props.queueNamePrefix}*]`,
      reason: 'the queues are named at deploy time by the topology resources, so the policy can only name the prefix this stack owns',
    });
    props.fanOutTopic.grantFanOut(role, props.queueNamePrefix);
    const topic = Stack.of(this).resolve(props.fanOutTopic.topicArn) as { Ref?: string };
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${topic.Ref}>:*]`,
      reason: 'queues subscribe to the topic when declared, so their subscription ARNs are only known as <topic ARN>:<id>',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${props.queueNamePrefix}*]`,
      reason: "the fan-out shards' topics are created at run time as queues are declared, so the policy names the prefix this stack owns",
    });
  }
}
