import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { RouteGrants } from '../route-grants.ts';
import { declareQueueBodySchema } from '../../../functions/core/schemas/queue-requests.ts';
import type { IPostroomExchange } from './postroom-exchange.ts';
import { PostroomBinding, type PostroomBindingOptions } from './postroom-binding.ts';
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
}

/** A queue's settings: the body of `PUT /v1/queues/{name}`, with the same defaults and ranges. */
export interface PostroomQueueSettings {
  /** @default 5 - deliveries before a message is dead-lettered */
  readonly maxDeliveries?: number;
  /** @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** @default 345600 (4 days) */
  readonly retentionSeconds?: number;
  /** @default 0 */
  readonly delaySeconds?: number;
  /**
   * Where messages that die on the queue are republished.
   *
   * @default - dead messages stay in the queue's dead letters only
   */
  readonly deadLetterExchange?: IPostroomExchange;
  /** @default - the message's own routing key */
  readonly deadLetterRoutingKey?: string;
  /** @default - messages do not expire */
  readonly messageTtlMs?: number;
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
  protected abstract readonly broker: IPostroomBroker;

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
}

/**
 * A Postroom queue declared at deployment, as `PUT /v1/queues/{name}` declares one (by the same
 * code). Its settings cannot change later: such an update fails, as the API's 409 does.
 */
export class PostroomQueue extends QueueBase {
  /** A queue declared elsewhere (the HTTP API, another stack), to bind. */
  static fromQueueName(scope: Construct, id: string, broker: IPostroomBroker, queueName: string): IPostroomQueue {
    return new (class extends QueueBase {
      readonly queueName = queueName;
      protected readonly broker = broker;
    })(scope, id);
  }

  readonly queueName: string;
  protected readonly broker: IPostroomBroker;

  constructor(scope: Construct, id: string, props: PostroomQueueProps) {
    super(scope, id);
    this.broker = props.broker;
    this.queueName = props.queueName;
    validateName(props.queueName, (name) => QUEUE_NAME_PATTERN.test(name), "queue name: use 1 to 128 letters, digits, '.', '_' or '-'");
    const { broker: _broker, queueName: _name, deadLetterExchange, ...settings } = props;
    const body = { ...settings, ...(deadLetterExchange && { deadLetterExchange: deadLetterExchange.exchangeName }) };
    validateBody(declareQueueBodySchema, body, `queue ${JSON.stringify(props.queueName)}`);
    topologyResource(this, props.broker, { Kind: 'queue', Name: props.queueName, body });
    // The dead-letter exchange need not exist first (as in RabbitMQ), so no dependency on it.
  }
}
