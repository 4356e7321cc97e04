import { Construct } from 'constructs';
import { bindingRequestSchema } from '../../../functions/core/schemas/binding-requests.ts';
import type { IPostroomExchange } from './postroom-exchange.ts';
import type { IPostroomQueue } from './postroom-queue.ts';
import type { IPostroomBroker } from './topology-broker.ts';
import { topologyResource, validateBody } from './topology-resource.ts';

export interface PostroomBindingOptions {
  /** @default "" */
  readonly bindingKey?: string;
  /**
   * Arguments a headers exchange matches (`x-match` and the headers).
   *
   * @default {}
   */
  readonly arguments?: Readonly<Record<string, string | number | boolean>>;
}

export interface PostroomBindingProps extends PostroomBindingOptions {
  readonly broker: IPostroomBroker;
  /** The exchange messages come from. */
  readonly exchange: IPostroomExchange;
  /** The queue they go to, or the exchange they are routed on through. */
  readonly destination: IPostroomQueue | IPostroomExchange;
}

/**
 * A binding made at deployment, as `POST /v1/bindings` makes one (by the same code), and removed
 * as `DELETE /v1/bindings` removes it. It is created after its exchange and destination and
 * deleted before them.
 */
export class PostroomBinding extends Construct {
  constructor(scope: Construct, id: string, props: PostroomBindingProps) {
    super(scope, id);
    const destination = 'queueName' in props.destination ? { queue: props.destination.queueName } : { destinationExchange: props.destination.exchangeName };
    const body = { exchange: props.exchange.exchangeName, ...destination, bindingKey: props.bindingKey ?? '', arguments: props.arguments ?? {} };
    validateBody(bindingRequestSchema, body, `binding of ${JSON.stringify(props.exchange.exchangeName)}`);
    topologyResource(this, props.broker, { Kind: 'binding', body });
    // On their resources, not the constructs: a binding made by addBinding is the exchange's child.
    this.node.addDependency(...[props.exchange, props.destination].map((piece) => piece.node.defaultChild ?? piece));
  }
}
