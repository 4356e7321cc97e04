import { Duration } from 'aws-cdk-lib';
import type { Alarm, IMetric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { declareStreamBodySchema } from '../../../functions/core/streams/declare-request.ts';
import { Metrics } from '../../../functions/core/metrics/metric-catalogue.ts';
import { parseStreamName } from '../../../functions/core/streams/names.ts';
import { postroomAlarm, type PostroomAlarmOptions } from '../monitoring/postroom-alarm.ts';
import { postroomMetric } from '../monitoring/postroom-metric.ts';
import { RouteGrants } from '../route-grants.ts';
import type { IPostroomBroker } from './topology-broker.ts';
import { topologyResource, validateBody, validateName } from './topology-resource.ts';

/** A stream of a Postroom broker, declared in CDK or through the HTTP API. */
export interface IPostroomStream extends IConstruct {
  readonly streamName: string;
  /** Lets `grantee` produce records over the HTTP API: `POST /v1/streams/{name}/records`. */
  grantProduce(grantee: IGrantable): Grant;
  /**
   * Lets `grantee` describe the stream, read its partitions and be a member of consumer group
   * `options.group` (join, heartbeat, poll, commit, leave, describe the group). Resetting a
   * group's offsets is left to administrators.
   */
  grantConsume(grantee: IGrantable, options?: StreamConsumeGrantOptions): Grant;
  /**
   * Records consumer group `group` is behind, summed over partitions (Postroom/StreamGroupLagRecords,
   * measured by the broker's stream lag function; only for monitored streams, which a stream
   * declared in CDK is).
   */
  metricLagRecords(group: string, options?: MetricOptions): IMetric;
  /** How long ago the oldest record `group` has still to read was appended, in milliseconds (Postroom/StreamGroupLagAge). */
  metricLagAge(group: string, options?: MetricOptions): IMetric;
  /**
   * An alarm (child `LagAlarm-<group>-<threshold>`) while consumer group `group` stays behind by
   * `records` records or more, or by `age` or more, at every measurement for 5 minutes.
   */
  alarmLag(group: string, threshold: StreamLagThreshold, options?: PostroomAlarmOptions): Alarm;
}

/** When a consumer group's lag alarm fires: at a lag in records, or at a lag in time. */
export type StreamLagThreshold = { readonly records: number } | { readonly age: Duration };

/** Lag alarms look at 5 minutes of measurements, so that a burst that consumers catch up with does not fire them. */
const LAG_ALARM_PERIOD = Duration.minutes(5);

export interface StreamConsumeGrantOptions {
  /**
   * The consumer group the grantee may use.
   *
   * @default - every group
   */
  readonly group?: string;
}

export interface PostroomStreamProps {
  /** The broker the stream belongs to. */
  readonly broker: IPostroomBroker;
  /** 1 to 249 letters, digits, '.', '_' or '-' (Kafka's topic names), not "." or "..". */
  readonly streamName: string;
  /** 1 to 1,024; a later deployment may raise it (partitions are added), never lower it. */
  readonly partitions: number;
  /**
   * How long records are kept: whole hours, 1 hour to 365 days. It cannot change later.
   *
   * @default Duration.days(7), Kafka's default
   */
  readonly retention?: Duration;
}

abstract class StreamBase extends Construct implements IPostroomStream {
  abstract readonly streamName: string;
  /** The broker it belongs to. */
  abstract readonly broker: IPostroomBroker;

  grantProduce(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.streamProduce, { name: this.streamName });
  }

  grantConsume(grantee: IGrantable, options: StreamConsumeGrantOptions = {}): Grant {
    const parameters = { name: this.streamName, ...(options.group !== undefined && { group: options.group }) };
    return this.broker.api.grantRoutes(grantee, [...RouteGrants.streamRead, ...RouteGrants.streamConsumeGroup], parameters);
  }

  metricLagRecords(group: string, options?: MetricOptions): IMetric {
    return postroomMetric(Metrics.streamGroupLagRecords, this.broker.queueNamePrefix, { Stream: this.streamName, Group: group }, { label: `${this.streamName} ${group} lag`, ...options });
  }

  metricLagAge(group: string, options?: MetricOptions): IMetric {
    return postroomMetric(Metrics.streamGroupLagAge, this.broker.queueNamePrefix, { Stream: this.streamName, Group: group }, { label: `${this.streamName} ${group} lag age`, ...options });
  }

  alarmLag(group: string, threshold: StreamLagThreshold, options?: PostroomAlarmOptions): Alarm {
    // Minimum over the period: behind at every measurement, not at one.
    const over = { statistic: 'Minimum', period: LAG_ALARM_PERIOD };
    const [metric, limit, id, what] =
      'records' in threshold
        ? [this.metricLagRecords(group, over), threshold.records, `${threshold.records}Records`, `${threshold.records} records`]
        : [this.metricLagAge(group, over), threshold.age.toMilliseconds(), `${threshold.age.toSeconds()}s`, threshold.age.toHumanString()];
    const description = `Consumer group "${group}" of Postroom stream "${this.streamName}" has been ${what} or more behind for 5 minutes: add members, or look for stuck ones (GET /v1/streams/${this.streamName}/groups/${group})`;
    return postroomAlarm(this, `LagAlarm-${group}-${id}`, { metric, threshold: limit, description }, options);
  }
}

/**
 * A Postroom stream declared at deployment, as `PUT /v1/streams/{name}` declares one (by the same
 * code): Kafka's topic in infrastructure as code. Raising `partitions` adds partitions; changing
 * the retention fails the deployment, as the API's 409 does. Deleting it deletes the stream.
 *
 * @example
 * const orders = broker.addStream('Orders', { streamName: 'orders', partitions: 6, retention: Duration.days(3) });
 * orders.grantProduce(checkoutFunction);
 * orders.grantConsume(billingFunction, { group: 'billing' });
 * orders.alarmLag('billing', { age: Duration.minutes(5) }, { topic: onCall });
 */
export class PostroomStream extends StreamBase {
  /** A stream declared elsewhere (the HTTP API, another stack), to grant access to. */
  static fromStreamName(scope: Construct, id: string, broker: IPostroomBroker, streamName: string): IPostroomStream {
    return new (class extends StreamBase {
      readonly streamName = streamName;
      readonly broker = broker;
    })(scope, id);
  }

  readonly streamName: string;
  readonly broker: IPostroomBroker;

  constructor(scope: Construct, id: string, props: PostroomStreamProps) {
    super(scope, id);
    this.broker = props.broker;
    this.streamName = props.streamName;
    validateName(props.streamName, isStreamName, "stream name: use 1 to 249 letters, digits, '.', '_' or '-', not \".\" or \"..\"");
    const body = { partitions: props.partitions, retentionHours: retentionHours(props.retention ?? Duration.days(7)) };
    validateBody(declareStreamBodySchema, body, `stream ${JSON.stringify(props.streamName)}`);
    topologyResource(this, props.broker, { Kind: 'stream', Name: props.streamName, body });
  }
}

function isStreamName(name: string): boolean {
  try {
    return parseStreamName(name) === name;
  } catch {
    return false;
  }
}

function retentionHours(retention: Duration): number {
  if (retention.isUnresolved()) throw new Error('stream retention must be a Duration known at synth time');
  // Throws, naming the value, unless the duration is a whole number of hours.
  return retention.toHours();
}
