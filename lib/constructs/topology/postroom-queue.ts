import { Duration } from 'aws-cdk-lib';
import type { Alarm, IMetric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { postroomAlarm, type PostroomAlarmOptions } from '../monitoring/postroom-alarm.ts';
import { RouteGrants } from '../route-grants.ts';
import { declareQueueBodySchema } from '../../../functions/core/schemas/queue-requests.ts';
import type { IPostroomExchange } from './postroom-exchange.ts';
import { PostroomBinding, type PostroomBindingOptions } from './postroom-binding.ts';
import { sqsQueueMetric, sqsQueuesOf } from './queue-metrics.ts';
import type { IPostroomBroker } from './topology-broker.ts';
import { topologyResource, validateBody, validateName } from './topology-resource.ts';

const QUEUE_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** A queue of a Postroom broker, declared in CDK or through the HTTP API. */
export interface IPostroomQueue extends IConstruct {
  readonly queueName: string;
  /** Binds this queue to `exchange`. */
  bindTo(exchange: IPostroomExchange, options?: PostroomBindingOptions): PostroomBinding;
  /** Lets `grantee` publish to this queue over the HTTP API: `POST /v1/queues/{name}/messages`. */
  grantPublish(grantee: IGrantable): Grant;
  /** Lets `grantee` receive, ack and nack this queue's messages over the HTTP API. */
  grantConsume(grantee: IGrantable): Grant;
  /** Lets `grantee` look at this queue's dead letters and redrive them over the HTTP API. */
  grantManageDeadLetters(grantee: IGrantable): Grant;
  /** Messages ready for delivery (SQS ApproximateNumberOfMessagesVisible, summed over priority levels). */
  metricReady(options?: MetricOptions): IMetric;
  /** Messages delivered and not yet acked (SQS ApproximateNumberOfMessagesNotVisible). */
  metricInFlight(options?: MetricOptions): IMetric;
  /** Messages published with a delay that has not passed yet (SQS ApproximateNumberOfMessagesDelayed). */
  metricDelayed(options?: MetricOptions): IMetric;
  /** Seconds the oldest ready message has waited (SQS ApproximateAgeOfOldestMessage, the highest level's). */
  metricAgeOfOldestMessage(options?: MetricOptions): IMetric;
  /** Dead letters held (SQS ApproximateNumberOfMessagesVisible of the dead-letter queue). */
  metricDeadLetters(options?: MetricOptions): IMetric;
  /** An alarm (child `DeadLettersAlarm`) while the queue holds any dead letter: SQS's count, each minute. */
  alarmDeadLetters(options?: PostroomAlarmOptions): Alarm;
  /** An alarm (child `OldestMessageAlarm<seconds>`) while the oldest ready message has waited `age` or longer: consumers are not keeping up, or are stuck. */
  alarmOldestMessage(age: Duration, options?: PostroomAlarmOptions): Alarm;
}

/** How a queue declared elsewhere is shaped, for its metrics. */
export interface PostroomQueueAttributes {
  readonly queueName: string;
  /** @default - no priorities */
  readonly maxPriority?: number;
  /** @default false */
  readonly fifo?: boolean;
}

/** A queue's settings: the body of `PUT /v1/queues/{name}`, with the same defaults and ranges. */
export interface PostroomQueueSettings {
  /** @default 5 - deliveries before a message is dead-lettered */
  readonly maxDeliveries?: number;
  /**
   * How long a delivered message stays hidden from other consumers before it comes back unless
   * acked: whole seconds, 0 to 12 hours.
   *
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long SQS keeps a message: whole seconds, 1 minute to 14 days.
   *
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
  /**
   * How long every message waits before its first delivery: whole seconds, up to 15 minutes.
   *
   * @default Duration.seconds(0)
   */
  readonly deliveryDelay?: Duration;
  /**
   * Where messages that die on the queue are republished.
   *
   * @default - dead messages stay in the queue's dead letters only
   */
  readonly deadLetterExchange?: IPostroomExchange;
  /** @default - the message's own routing key */
  readonly deadLetterRoutingKey?: string;
  /**
   * How long a message may wait in the queue before it expires (dead-lettered as `expired`):
   * whole milliseconds.
   *
   * @default - messages do not expire
   */
  readonly messageTtl?: Duration;
  /** @default - no priorities */
  readonly maxPriority?: number;
  /** @default false - an SQS FIFO queue: ordered per message group, deduplicated by message id */
  readonly fifo?: boolean;
}

export interface PostroomQueueProps extends PostroomQueueSettings {
  /** The broker the queue belongs to. */
  readonly broker: IPostroomBroker;
  /** 1 to 128 letters, digits, '.', '_' or '-'. */
  readonly queueName: string;
}

abstract class QueueBase extends Construct implements IPostroomQueue {
  abstract readonly queueName: string;
  /** The broker the queue belongs to. */
  abstract readonly broker: IPostroomBroker;
  protected abstract readonly shape: { readonly maxPriority?: number; readonly fifo?: boolean };

  bindTo(exchange: IPostroomExchange, options: PostroomBindingOptions = {}): PostroomBinding {
    const props = { ...options, broker: this.broker, exchange, destination: this };
    return new PostroomBinding(this, PostroomBinding.idOf(props), props);
  }

  grantPublish(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.queuePublish, { name: this.queueName });
  }

  grantConsume(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.queueConsume, { name: this.queueName });
  }

  grantManageDeadLetters(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.queueManageDeadLetters, { name: this.queueName });
  }

  metricReady(options?: MetricOptions): IMetric {
    return sqsQueueMetric(this.#sqsQueues().levels, 'ApproximateNumberOfMessagesVisible', 'Sum', `${this.queueName} ready`, options);
  }

  metricInFlight(options?: MetricOptions): IMetric {
    return sqsQueueMetric(this.#sqsQueues().levels, 'ApproximateNumberOfMessagesNotVisible', 'Sum', `${this.queueName} in flight`, options);
  }

  metricDelayed(options?: MetricOptions): IMetric {
    return sqsQueueMetric(this.#sqsQueues().levels, 'ApproximateNumberOfMessagesDelayed', 'Sum', `${this.queueName} delayed`, options);
  }

  metricAgeOfOldestMessage(options?: MetricOptions): IMetric {
    return sqsQueueMetric(this.#sqsQueues().levels, 'ApproximateAgeOfOldestMessage', 'Maximum', `${this.queueName} age of oldest message`, options);
  }

  metricDeadLetters(options?: MetricOptions): IMetric {
    return sqsQueueMetric([this.#sqsQueues().deadLetterQueue], 'ApproximateNumberOfMessagesVisible', 'Sum', `${this.queueName} dead letters`, options);
  }

  alarmDeadLetters(options?: PostroomAlarmOptions): Alarm {
    const description = `Postroom queue "${this.queueName}" holds dead letters: see why with GET /v1/queues/${this.queueName}/dead-letters, fix the cause, then redrive or delete them`;
    return postroomAlarm(this, 'DeadLettersAlarm', { metric: this.metricDeadLetters(), threshold: 1, description }, options);
  }

  alarmOldestMessage(age: Duration, options?: PostroomAlarmOptions): Alarm {
    const seconds = age.toSeconds();
    const description = `The oldest ready message of Postroom queue "${this.queueName}" has waited ${age.toHumanString()} or more: add consumers, or look for stuck ones`;
    return postroomAlarm(this, `OldestMessageAlarm${seconds}`, { metric: this.metricAgeOfOldestMessage(), threshold: seconds, description }, options);
  }

  #sqsQueues() {
    return sqsQueuesOf({ queueNamePrefix: this.broker.queueNamePrefix, queueName: this.queueName, ...this.shape });
  }
}

/**
 * A Postroom queue declared at deployment, as `PUT /v1/queues/{name}` declares one (by the same
 * code). Its settings cannot change later: such an update fails, as the API's 409 does.
 *
 * @example
 * const billing = broker.addQueue('Billing', { queueName: 'billing', maxDeliveries: 3, visibilityTimeout: Duration.minutes(2) });
 * billing.bindTo(orders, { bindingKey: 'order.*' });
 * billing.grantConsume(billingFunction);
 * billing.alarmDeadLetters({ topic: onCall });
 * billing.alarmOldestMessage(Duration.minutes(10), { topic: onCall });
 */
export class PostroomQueue extends QueueBase {
  /** A queue without priorities declared elsewhere (the HTTP API, another stack), to bind and grant on. */
  static fromQueueName(scope: Construct, id: string, broker: IPostroomBroker, queueName: string): IPostroomQueue {
    return PostroomQueue.fromQueueAttributes(scope, id, broker, { queueName });
  }

  /** A queue declared elsewhere, with what its metrics need to know of it. */
  static fromQueueAttributes(scope: Construct, id: string, broker: IPostroomBroker, attributes: PostroomQueueAttributes): IPostroomQueue {
    return new (class extends QueueBase {
      readonly queueName = attributes.queueName;
      readonly broker = broker;
      protected readonly shape = attributes;
    })(scope, id);
  }

  readonly queueName: string;
  readonly broker: IPostroomBroker;
  protected readonly shape: { readonly maxPriority?: number; readonly fifo?: boolean };

  constructor(scope: Construct, id: string, props: PostroomQueueProps) {
    super(scope, id);
    this.broker = props.broker;
    this.queueName = props.queueName;
    this.shape = { maxPriority: props.maxPriority, fifo: props.fifo };
    validateName(props.queueName, (name) => QUEUE_NAME_PATTERN.test(name), "queue name: use 1 to 128 letters, digits, '.', '_' or '-'");
    const body = queueDeclaration(props);
    validateBody(declareQueueBodySchema, body, `queue ${JSON.stringify(props.queueName)}`);
    topologyResource(this, props.broker, { Kind: 'queue', Name: props.queueName, body });
    if (props.broker.defaultAlarms) this.alarmDeadLetters(props.broker.defaultAlarms);
    // The dead-letter exchange need not exist first (as in RabbitMQ), so no dependency on it.
  }
}

/** The body of `PUT /v1/queues/{name}` for the props: durations in the API's units, which must be whole. */
function queueDeclaration(props: PostroomQueueProps): Record<string, unknown> {
  const { broker: _broker, queueName: _name, deadLetterExchange, visibilityTimeout, retentionPeriod, deliveryDelay, messageTtl, ...settings } = props;
  const seconds = (duration: Duration | undefined) => duration?.toSeconds();
  const entries = {
    ...settings,
    visibilityTimeoutSeconds: seconds(visibilityTimeout),
    retentionSeconds: seconds(retentionPeriod),
    delaySeconds: seconds(deliveryDelay),
    messageTtlMs: messageTtl?.toMilliseconds(),
    deadLetterExchange: deadLetterExchange?.exchangeName,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}
