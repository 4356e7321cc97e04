import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { postroomFunction } from './postroom-function.ts';

export interface StreamLagMonitorProps {
  /** The table holding the stream declarations and the groups' offsets and memberships; read only. */
  readonly metadataTable: ITable;
  /** The table holding the streams' records; read only. */
  readonly streamRecordsTable: ITable;
  /** The broker's queue-name prefix: the `Broker` dimension of the metrics. */
  readonly queueNamePrefix: string;
  /**
   * How often every group's lag is measured: whole minutes.
   *
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;
  /**
   * Further environment of the function, such as the monitored resources (`POSTROOM_METRIC_RESOURCES`).
   *
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
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
 * Measures every stream consumer group's lag on a schedule (no single request sees it): a function
 * that reads the groups' committed offsets and the partitions' high watermarks, as
 * `GET /v1/streams/{name}/groups` does, and emits lag in records and in time, committed offsets and
 * members as CloudWatch embedded metric format (functions/stream-lag). It only reads.
 */
export class StreamLagMonitor extends Construct {
  readonly lambdaFunction: LambdaFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: StreamLagMonitorProps) {
    super(scope, id);
    const { lambdaFunction, role } = postroomFunction(this, {
      entry: 'stream-lag/handler.ts',
      memorySize: 256,
      // Far longer than a run takes: a Query and a BatchGetItem per stream, a Query per lagging partition.
      timeout: Duration.minutes(1),
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
      environment: {
        ...props.environment,
        [ApiEnvironment.metadataTable]: props.metadataTable.tableName,
        [ApiEnvironment.streamRecordsTable]: props.streamRecordsTable.tableName,
        [ApiEnvironment.queueNamePrefix]: props.queueNamePrefix,
      },
    });
    this.lambdaFunction = lambdaFunction;
    props.metadataTable.grantReadData(role);
    props.streamRecordsTable.grantReadData(role);

    this.rule = new Rule(this, 'Schedule', {
      // Schedule.rate refuses anything but a whole number of minutes.
      schedule: Schedule.rate(props.interval ?? Duration.minutes(1)),
      targets: [new LambdaTarget(this.lambdaFunction)],
    });
  }

  /** Invocations that ended in an error, including timeouts. */
  metricErrors(props?: MetricOptions): Metric {
    return this.lambdaFunction.metricErrors(props);
  }
}
