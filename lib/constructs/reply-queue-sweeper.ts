import { ArnFormat, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { replyQueueNamePrefix } from '../../functions/core/request-reply.ts';
import { postroomFunction } from './postroom-function.ts';

export interface ReplyQueueSweeperProps {
  /** The broker's queue-name prefix: its reply queues are `<prefix>rpc-<32 hex digits>`. */
  readonly queueNamePrefix: string;
  /**
   * How often the sweeper runs.
   *
   * @default Schedule.rate(Duration.minutes(15))
   */
  readonly schedule?: Schedule;
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
 * Deletes the request-reply queues that callers killed mid-wait (timeout, out of memory) left
 * behind, on a schedule: a function that lists the broker's reply queues and deletes those older
 * than any call lasts. It can touch no queue but reply queues.
 */
export class ReplyQueueSweeper extends Construct {
  readonly lambdaFunction: LambdaFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ReplyQueueSweeperProps) {
    super(scope, id);
    const { lambdaFunction, role } = postroomFunction(this, {
      entry: 'reply-queue-sweeper/handler.ts',
      memorySize: 256,
      // Two calls per reply queue; what a run leaves undone, the next one finds again.
      timeout: Duration.minutes(5),
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
      environment: { [ApiEnvironment.queueNamePrefix]: props.queueNamePrefix },
    });
    this.lambdaFunction = lambdaFunction;

    this.rule = new Rule(this, 'Schedule', {
      schedule: props.schedule ?? Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaTarget(this.lambdaFunction)],
    });

    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sqs:ListQueues has no resource-level permissions (Service Authorization Reference); the function lists by the reply queues’ name prefix',
    });
    const replyQueuesPattern = `${replyQueueNamePrefix(props.queueNamePrefix)}*`;
    const replyQueues = Stack.of(this).formatArn({ service: 'sqs', resource: replyQueuesPattern, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:GetQueueAttributes', 'sqs:DeleteQueue'], resources: [replyQueues] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${replyQueuesPattern}]`,
      reason: 'reply queues are created at run time, one per call, so the policy can only name the prefix they share',
    });
  }

  /** Invocations that ended in an error, including timeouts. */
  metricErrors(props?: MetricOptions): Metric {
    return this.lambdaFunction.metricErrors(props);
  }
}
