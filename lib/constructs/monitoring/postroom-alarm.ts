import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** What every Postroom alarm helper takes. */
export interface PostroomAlarmOptions {
  /**
   * The topic told when the alarm fires and when it recovers.
   *
   * @default - none: the alarm only changes state
   */
  readonly topic?: ITopic;
  /**
   * The alarm's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly alarmName?: string;
  /**
   * The alarm's description.
   *
   * @default - what is wrong and what to do about it
   */
  readonly alarmDescription?: string;
}

/** What an alarm helper decides: the metric (its period included), when it breaches, and what to tell. */
export interface AlarmSpec {
  readonly metric: IMetric;
  /** The alarm fires when the metric is at or above this. */
  readonly threshold: number;
  readonly description: string;
  /** @default 1 */
  readonly evaluationPeriods?: number;
}

/**
 * A standard-resolution alarm ($0.10 a month per metric it watches) that fires at or above the
 * threshold; no data (an idle broker, a resource without traffic) does not breach. With a topic,
 * it notifies on alarm and on recovery.
 */
export function postroomAlarm(scope: Construct, id: string, spec: AlarmSpec, options: PostroomAlarmOptions = {}): Alarm {
  const alarm = new Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmName: options.alarmName,
    alarmDescription: options.alarmDescription ?? spec.description,
  });
  if (options.topic) {
    const action = new SnsAction(options.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  return alarm;
}
