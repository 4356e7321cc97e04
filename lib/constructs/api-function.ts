import { ArnFormat, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { MetricOptions, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, type IPrincipal, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PAYLOAD_KEY_PREFIX } from '../../functions/core/claim-check.ts';
import { UPLOAD_KEY_PREFIX } from '../../functions/core/uploads.ts';
import { sagaStateMachineName } from '../../functions/core/sagas/saga-contract.ts';
import { defaultQueueNamePrefix, validateQueueNamePrefix } from '../queue-name-prefix.ts';
import { brokerEnvironment } from './broker-environment.ts';
import type { IFanOutTopic } from './fan-out-topic.ts';
import { postroomFunction } from './postroom-function.ts';
import { grantTaskResponses } from './saga/task-responses.ts';

/** Everything the function does to the queues it owns; the batch APIs are authorized by these too. */
const QUEUE_ACTIONS = [
  'sqs:CreateQueue',
  'sqs:DeleteQueue',
  'sqs:GetQueueAttributes',
  'sqs:SetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:TagQueue',
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:PurgeQueue',
];

export interface ApiFunctionProps {
  /** The table the function keeps queue declarations in; it gets read/write access to it. */
  readonly metadataTable: ITable;
  /** The topic exchange publishes fan out through; the function publishes and subscribes queues. */
  readonly fanOutTopic: IFanOutTopic;
  /** The claim check's bucket: the function writes large payloads, reads them back and renews them. */
  readonly payloadBucket: IBucket;
  /** The table the function keeps the streams' records in; it gets read/write access to it. */
  readonly streamRecordsTable: ITable;
  /** The table the function keeps the event stores' events in; it gets read/write access to it. */
  readonly eventStoreTable: ITable;
  /** The table the function remembers Idempotency-Keys in; it gets read/write access to it. */
  readonly idempotencyTable: ITable;
  /**
   * How long an Idempotency-Key is remembered: a repeat within it gets the original response.
   *
   * @default Duration.hours(24)
   */
  readonly idempotencyWindow?: Duration;
  /**
   * Prefix of every SQS queue name the function creates: 1 to 20 characters from [A-Za-z0-9_-].
   * The function's SQS permissions cover exactly the queues whose names start with it.
   *
   * @default - the stack name's first 19 characters (outside [A-Za-z0-9_-] removed) and "_"
   */
  readonly queueNamePrefix?: string;
  /**
   * Subscriptions per fan-out shard (SNS topic) at most.
   *
   * @default 200 (SNS's default quota of filter policies per topic)
   */
  readonly fanOutShardCapacity?: number;
  /**
   * The customer-managed key the function creates its SQS queues with; it may use the key.
   *
   * @default - SQS-managed encryption
   */
  readonly queueEncryptionKey?: IKey;
  /**
   * How long the function's logs are kept.
   *
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
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
 * The Lambda function behind every route of Postroom's HTTP API. It creates and uses SQS queues at
 * run time, so its IAM policy names a queue-name prefix rather than queues.
 */
export class ApiFunction extends Construct implements IGrantable {
  readonly lambdaFunction: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly queueNamePrefix: string;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    this.queueNamePrefix = props.queueNamePrefix ?? defaultQueueNamePrefix(Stack.of(this).stackName);
    validateQueueNamePrefix(this.queueNamePrefix);

    const { lambdaFunction, role, logGroup } = postroomFunction(this, {
      entry: 'api/handler.ts',
      memorySize: 512,
      // API Gateway gives up on an integration after 30 s; a receive long-polls for up to 20 s.
      timeout: Duration.seconds(29),
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
      environment: brokerEnvironment({
        ...props,
        queueNamePrefix: this.queueNamePrefix,
        idempotencyWindow: props.idempotencyWindow ?? Duration.hours(24),
        sagaStateMachineArnPrefix: Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine:', arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      }),
    });
    this.lambdaFunction = lambdaFunction;
    this.logGroup = logGroup;
    this.grantPrincipal = role;

    props.metadataTable.grantReadWriteData(role);
    props.streamRecordsTable.grantReadWriteData(role);
    props.eventStoreTable.grantReadWriteData(role);
    props.idempotencyTable.grantReadWriteData(role);
    this.#grantPayloads(role, props.payloadBucket);
    // Sending to and receiving from queues under a customer-managed key uses the key.
    props.queueEncryptionKey?.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey*');
    const ownQueues = Stack.of(this).formatArn({
      service: 'sqs',
      resource: `${this.queueNamePrefix}*`,
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: QUEUE_ACTIONS, resources: [ownQueues] }));
    const ownQueuesFinding = `Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${this.queueNamePrefix}*`;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[${ownQueuesFinding}]`,
      reason: 'the function creates its queues at run time, so it can only name them by the prefix this stack owns',
    });

    this.#grantSagas(role);
    // GET /v1/overview reads each queue's oldest-message age from SQS's own metrics in CloudWatch.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "states:ListStateMachines, SendTask* and cloudwatch:GetMetricData have no resource-level permissions (Service Authorization Reference); GET /v1/sagas keeps the stack's saga state machines by name, a task is answered only with its token, and the overview reads only the AWS/SQS metrics of the broker's queues",
    });

    props.fanOutTopic.grantFanOut(role, this.queueNamePrefix);
    // cdk-nag names a resource by the logical id its ARN refers to: `<FanOutTopic…>:*`.
    const topic = Stack.of(this).resolve(props.fanOutTopic.topicArn) as { Ref?: string };
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${topic.Ref}>:*]`,
      reason: 'queues subscribe to the topic at run time, so their subscription ARNs are only known as <topic ARN>:<id>',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${this.queueNamePrefix}*]`,
      reason: "the fan-out shards' topics are created at run time as queues are declared, so the policy names the prefix this stack owns",
    });
  }

  /**
   * The claim check: PutObject to store a payload, GetObject to restore it, and CopyObject onto
   * itself (a read and a write) to renew it; objects only, under the payloads' key prefix. The
   * same two under the uploads' prefix: PutObject for the presigned PUTs it signs, GetObject for
   * HeadObject and the copy a publish makes. A bucket under a customer-managed key needs the key for both.
   */
  #grantPayloads(role: Role, bucket: IBucket): void {
    const prefixes = [PAYLOAD_KEY_PREFIX, UPLOAD_KEY_PREFIX];
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)) }),
    );
    bucket.encryptionKey?.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey*');
    const bucketRef = (Stack.of(this).resolve(bucket.bucketArn) as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    for (const prefix of prefixes) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketRef}.Arn>/${prefix}*]`,
        reason: 'each large message and each upload is an object under a new key, so the policy names the key prefixes of the payload and upload objects',
      });
    }
  }

  /**
   * The saga routes on the stack's sagas, which are named by the prefix (sagaStateMachineName).
   * Two are the exception: ListStateMachines is only ever authorized on `*`, and answering tasks
   * (POST /v1/tasks/*) is granted on `*` because the two readings of its resource disagree
   * (task-responses.ts); the constructor acknowledges both.
   */
  #grantSagas(role: Role): void {
    const stack = Stack.of(this);
    const sagaName = sagaStateMachineName(this.queueNamePrefix, '*');
    const stateMachines = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: sagaName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const executions = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${sagaName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['states:StartExecution', 'states:ListExecutions'], resources: [stateMachines] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resources: [executions] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['states:ListStateMachines'], resources: ['*'] }));
    grantTaskResponses(role);
    for (const resource of [`stateMachine:${sagaName}`, `execution:${sagaName}:*`]) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${resource}]`,
        reason: "sagas are added to the stack by name and executions are named at run time, so the policy names the prefix of this stack's saga state machines",
      });
    }
  }

  /** Invocations that ended in an error, including timeouts. */
  metricErrors(props?: MetricOptions): Metric {
    return this.lambdaFunction.metricErrors(props);
  }

  /** How long invocations took; receives that long-poll push it towards 20 s by design. */
  metricDuration(props?: MetricOptions): Metric {
    return this.lambdaFunction.metricDuration(props);
  }

  /** Invocations refused because the function hit its concurrency limit. */
  metricThrottles(props?: MetricOptions): Metric {
    return this.lambdaFunction.metricThrottles(props);
  }
}
