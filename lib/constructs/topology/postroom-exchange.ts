import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { RouteGrants } from '../route-grants.ts';
import { declareExchangeBodySchema } from '../../../functions/core/schemas/exchange-requests.ts';
import { EXCHANGE_NAME_PATTERN, isReservedExchangeName } from '../../../functions/core/exchanges/exchange-names.ts';
import type { ExchangeType } from '../../../functions/core/routing/topology.ts';
import type { IPostroomQueue } from './postroom-queue.ts';
import { PostroomBinding, type PostroomBindingOptions } from './postroom-binding.ts';
import type { IPostroomBroker } from './topology-broker.ts';
import { topologyResource, validateBody, validateName } from './topology-resource.ts';

/** An exchange of a Postroom broker, declared in CDK or through the HTTP API. */
export interface IPostroomExchange extends IConstruct {
  readonly exchangeName: string;
  /** Binds `destination` (a queue, or another exchange) to this exchange. */
  addBinding(destination: IPostroomQueue | IPostroomExchange, options?: PostroomBindingOptions): PostroomBinding;
  /** Lets `grantee` publish to this exchange over the HTTP API, and make request-reply calls through it. */
  grantPublish(grantee: IGrantable): Grant;
}

export interface PostroomExchangeProps {
  /** The broker the exchange belongs to. */
  readonly broker: IPostroomBroker;
  /** 1 to 255 letters, digits, '.', '_', ':' or '-'; names starting with `amq.` are reserved. */
  readonly exchangeName: string;
  /** How the exchange routes: as RabbitMQ's exchange types. */
  readonly type: ExchangeType;
  /**
   * Where messages the exchange cannot route go.
   *
   * @default - unroutable messages are dropped
   */
  readonly alternateExchange?: IPostroomExchange;
}

abstract class ExchangeBase extends Construct implements IPostroomExchange {
  abstract readonly exchangeName: string;
  /** The broker it belongs to. */
  abstract readonly broker: IPostroomBroker;

  addBinding(destination: IPostroomQueue | IPostroomExchange, options: PostroomBindingOptions = {}): PostroomBinding {
    const props = { ...options, broker: this.broker, exchange: this, destination };
    return new PostroomBinding(this, PostroomBinding.idOf(props), props);
  }

  grantPublish(grantee: IGrantable): Grant {
    return this.broker.api.grantRoutes(grantee, RouteGrants.exchangePublish, { name: this.exchangeName });
  }
}

/**
 * A Postroom exchange declared at deployment, as `PUT /v1/exchanges/{name}` declares one (by the
 * same code). Changing its type later fails the deployment, as the API's 409 does.
 *
 * @example
 * const orders = broker.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
 * orders.addBinding(broker.addQueue('Eu', { queueName: 'orders.eu' }), { bindingKey: 'orders.eu.#' });
 * orders.grantPublish(checkoutFunction);
 */
export class PostroomExchange extends ExchangeBase {
  /** An exchange declared elsewhere (the HTTP API, another stack), to bind to or from. */
  static fromExchangeName(scope: Construct, id: string, broker: IPostroomBroker, exchangeName: string): IPostroomExchange {
    return new (class extends ExchangeBase {
      readonly exchangeName = exchangeName;
      readonly broker = broker;
    })(scope, id);
  }

  readonly exchangeName: string;
  readonly broker: IPostroomBroker;

  constructor(scope: Construct, id: string, props: PostroomExchangeProps) {
    super(scope, id);
    this.broker = props.broker;
    this.exchangeName = props.exchangeName;
    const body = { type: props.type, ...(props.alternateExchange && { alternateExchange: props.alternateExchange.exchangeName }) };
    validateBody(declareExchangeBodySchema, body, `exchange ${JSON.stringify(props.exchangeName)}`);
    validateName(props.exchangeName, (name) => EXCHANGE_NAME_PATTERN.test(name) && !isReservedExchangeName(name), "exchange name: use 1 to 255 letters, digits, '.', '_', ':' or '-', not starting with amq.");
    topologyResource(this, props.broker, { Kind: 'exchange', Name: props.exchangeName, body });
    // The alternate exchange need not exist first (as in RabbitMQ), so no dependency on it.
  }
}
