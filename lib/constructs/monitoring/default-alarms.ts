import { Duration } from 'aws-cdk-lib';
import { type Alarm, MathExpression } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { BrokerApi } from '../broker-api.ts';
import { postroomAlarm, type PostroomAlarmOptions } from './postroom-alarm.ts';

/** The broker's default alarms, and who they tell. */
export interface PostroomDefaultAlarmsProps {
  /**
   * The topic every default alarm tells when it fires and when it recovers.
   *
   * @default - none: the alarms only change state
   */
  readonly topic?: PostroomAlarmOptions['topic'];
  /**
   * The share of API requests answered with a 5xx over 5 minutes at which the API alarm fires.
   *
   * @default 0.01 - 1 %
   */
  readonly serverErrorRate?: number;
}

/** Function errors and throttles are summed over this, so that one failure fires the alarm once. */
const FUNCTION_ALARM_PERIOD = Duration.minutes(5);

/**
 * Alarms (children `ErrorsAlarm`, `ThrottlesAlarm` of `scope`) on any invocation of one of the
 * broker's functions that failed (an error, a timeout, running out of memory) or was throttled,
 * within 5 minutes. `what` names the function in the descriptions.
 */
export function functionAlarms(scope: Construct, fn: IFunction, what: string, props: PostroomDefaultAlarmsProps): Alarm[] {
  const options = { topic: props.topic };
  return [
    postroomAlarm(
      scope,
      'ErrorsAlarm',
      { metric: fn.metricErrors({ period: FUNCTION_ALARM_PERIOD, statistic: 'Sum' }), threshold: 1, description: `Postroom's ${what} failed: read its log group for the error` },
      options,
    ),
    postroomAlarm(
      scope,
      'ThrottlesAlarm',
      {
        metric: fn.metricThrottles({ period: FUNCTION_ALARM_PERIOD, statistic: 'Sum' }),
        threshold: 1,
        description: `Postroom's ${what} was throttled: the account's Lambda concurrency is used up; ask for a higher quota or reserve concurrency`,
      },
      options,
    ),
  ];
}

/**
 * An alarm (child `ServerErrorRateAlarm` of `api`) when the share of the API's requests answered
 * with a 5xx reaches `serverErrorRate` over 5 minutes. Postroom answers a client's mistake with a
 * 4xx, so a 5xx is Postroom's or AWS's failure.
 */
export function serverErrorRateAlarm(api: BrokerApi, props: PostroomDefaultAlarmsProps): Alarm {
  const rate = props.serverErrorRate ?? 0.01;
  const period = Duration.minutes(5);
  const metric = new MathExpression({
    expression: 'errors / requests',
    usingMetrics: { errors: api.metricServerError({ period, statistic: 'Sum' }), requests: api.metricCount({ period, statistic: 'Sum' }) },
    label: '5xx share of requests',
    period,
  });
  const description = `${(rate * 100).toFixed(1)} % or more of Postroom's API requests were answered with a 5xx in 5 minutes: read the API function's log group`;
  return postroomAlarm(api, 'ServerErrorRateAlarm', { metric, threshold: rate, description }, { topic: props.topic });
}
