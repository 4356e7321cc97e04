import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, type Metric, type MetricOptions, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Grant, IGrantable, IRole } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { sagaStateMachineName } from '../../../functions/core/sagas/saga-contract.ts';
import type { PostroomAlarmOptions } from '../monitoring/postroom-alarm.ts';
import { RouteGrants } from '../route-grants.ts';
import { PostroomQueue } from '../topology/postroom-queue.ts';
import { postroomSqsQueue } from './postroom-sqs-queue.ts';
import type { IPostroomBroker } from '../topology/topology-broker.ts';
import { sagaDefinition } from './saga-definition.ts';
import { grantTaskResponses } from './task-responses.ts';
import type { SagaStep } from './saga-step.ts';
import type { SagaTarget } from './saga-target.ts';
import { validateSaga } from './saga-validation.ts';

/** SQS keeps a message at most 14 days: the longest time to notice and resolve a stuck compensation. */
const NOTIFICATION_RETENTION = Duration.days(14);

export interface SagaProps {
  /** The broker whose queues the steps use. */
  readonly broker: IPostroomBroker;
  /**
   * The saga's name in the API (`/v1/sagas/{name}`): 1 to 40 letters, digits, '_' or '-'. Its
   * state machine is `<queueNamePrefix>saga-<name>`.
   */
  readonly sagaName: string;
  /** The steps, in the order their actions run; compensations run in reverse. */
  readonly steps: readonly SagaStep[];
  /**
   * What the alarm on `<saga>.compensation-failed` does when a compensation kept failing, e.g.
   * `new SnsAction(topic)`.
   *
   * @default - none: the alarm only changes state
   */
  readonly alarmActions?: readonly IAlarmAction[];
  /**
   * Which execution events are logged.
   *
   * @default LogLevel.ALL
   */
  readonly logLevel?: LogLevel;
  /**
   * Log states' input and output, which holds the saga's input and the steps' results.
   *
   * @default false - the execution history keeps them, with the same access control as the saga
   */
  readonly includeExecutionData?: boolean;
  /**
   * How long the execution logs are kept.
   *
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Trace executions with X-Ray.
   *
   * @default true
   */
  readonly tracingEnabled?: boolean;
}

/**
 * A saga on a Step Functions state machine (see saga-definition.ts for its states): steps run in
 * order; when one fails after its retries, or times out, the completed steps are compensated in
 * reverse order and the execution ends `Compensated`; when a compensation keeps failing, a message
 * goes to Postroom queue `<saga>.compensation-failed`, an alarm fires and the execution ends
 * `CompensationFailed`, its history keeping what is needed to finish by hand.
 *
 * @example
 * const hotels = broker.addQueue('Hotels', { queueName: 'trip.hotel' });
 * const trip = broker.addSaga('Trip', {
 *   sagaName: 'trip',
 *   steps: [{ name: 'hotel', action: SagaTarget.queue(hotels), compensation: SagaTarget.queue(hotels), timeout: Duration.seconds(30) }],
 * });
 * trip.grantStart(bookingService);
 */
export class Saga extends Construct {
  readonly sagaName: string;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** The name of the Postroom queue that receives a message for each compensation that kept failing. */
  readonly notificationQueue: string;
  /** In alarm while `<saga>.compensation-failed` holds a message (AWS/SQS ApproximateNumberOfMessagesVisible ≥ 1). */
  readonly compensationFailedAlarm: Alarm;
  /** The broker whose queues the steps use. */
  readonly broker: IPostroomBroker;

  constructor(scope: Construct, id: string, props: SagaProps) {
    super(scope, id);
    validateSaga(props.sagaName, props.steps);
    const { broker, sagaName, steps } = props;
    this.sagaName = sagaName;
    this.broker = broker;
    this.notificationQueue = `${sagaName}.compensation-failed`;

    const notification = new PostroomQueue(this, 'CompensationFailedQueue', {
      broker,
      queueName: this.notificationQueue,
      retentionPeriod: NOTIFICATION_RETENTION,
    });
    const notificationSqsQueue = postroomSqsQueue(this, 'CompensationFailedSqsQueue', broker.queueNamePrefix, this.notificationQueue);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const definition = sagaDefinition(new Construct(this, 'Definition'), {
      sagaName,
      steps,
      queueNamePrefix: broker.queueNamePrefix,
      notificationQueue: notificationSqsQueue,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: sagaStateMachineName(broker.queueNamePrefix, sagaName),
      definitionBody: DefinitionBody.fromChainable(definition),
      logs: { destination: this.logGroup, level: props.logLevel ?? LogLevel.ALL, includeExecutionData: props.includeExecutionData ?? false },
      tracingEnabled: props.tracingEnabled ?? true,
    });
    // Executions send to the queues at once, so they must exist before anyone can start one.
    const targets = steps.flatMap((step) => (step.compensation ? [step.action, step.compensation] : [step.action]));
    this.stateMachine.node.addDependency(notification, ...targets.flatMap((target) => target.dependencies));
    acknowledgeWildcards(this.stateMachine.role, targets);
    // Its sendMessage tasks write into queues under the broker's key, if it has one.
    broker.encryptionKey?.grant(this.stateMachine, 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.compensationFailedAlarm = new Alarm(this, 'CompensationFailedAlarm', {
      alarmDescription: `A compensation of saga "${sagaName}" kept failing: receive from Postroom queue "${this.notificationQueue}" and finish it by hand`,
      metric: notificationSqsQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.compensationFailedAlarm.addAlarmAction(...(props.alarmActions ?? []));
    // A broker whose default alarms tell a topic tells it of this one too.
    if (broker.defaultAlarms?.topic) this.alarmCompensationFailed({ topic: broker.defaultAlarms.topic });
  }

  /**
   * The saga's alarm while `<saga>.compensation-failed` holds a message (compensationFailedAlarm,
   * created with the saga), telling `topic` too when it fires and when it recovers.
   */
  alarmCompensationFailed(options: Pick<PostroomAlarmOptions, 'topic'> = {}): Alarm {
    if (options.topic) {
      const action = new SnsAction(options.topic);
      this.compensationFailedAlarm.addAlarmAction(action);
      this.compensationFailedAlarm.addOkAction(action);
    }
    return this.compensationFailedAlarm;
  }

  /** Lets `grantee` start executions over the HTTP API: `POST /v1/sagas/{name}/executions`. */
  grantStart(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.sagaStart, { name: this.sagaName });
  }

  /** Lets `grantee` list and describe executions over the HTTP API. */
  grantRead(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.sagaRead, { name: this.sagaName });
  }

  /** Lets `grantee` start executions in Step Functions itself (as the broker's API function does). */
  grantStartExecution(grantee: IGrantable): Grant {
    return this.stateMachine.grantStartExecution(grantee);
  }

  /**
   * Lets `grantee` answer the saga's tasks: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat (a
   * queue step's worker). Granted on `*`, not on this state machine: see task-responses.ts.
   */
  grantTaskResponse(grantee: IGrantable): Grant {
    return grantTaskResponses(grantee);
  }

  /** Executions that failed: `Compensated` and `CompensationFailed` endings both count. */
  metricFailed(props?: MetricOptions): Metric {
    return this.stateMachine.metricFailed(props);
  }

  /** Executions that completed every step. */
  metricSucceeded(props?: MetricOptions): Metric {
    return this.stateMachine.metricSucceeded(props);
  }

  /** Executions that hit the state machine's own timeout (none is set: steps time out instead). */
  metricTimedOut(props?: MetricOptions): Metric {
    return this.stateMachine.metricTimedOut(props);
  }
}

/** cdk-nag flags the wildcards Step Functions' own grants need; each finding says why. */
function acknowledgeWildcards(role: IRole, targets: readonly SagaTarget[]): void {
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'CloudWatch Logs delivery and X-Ray actions support no resource-level permissions',
  });
  for (const target of targets) target.acknowledgeGrants(role);
}
