import { createHash } from 'node:crypto';
import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bindingKeyOf } from '../../../functions/core/exchanges/binding-identity.ts';
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

/** The construct path of each binding declared so far, per broker and binding identity. */
const declaredBindings = new WeakMap<IPostroomBroker, Map<string, string>>();

/**
 * A binding made at deployment, as `POST /v1/bindings` makes one (by the same code), and removed
 * as `DELETE /v1/bindings` removes it. It is created after its exchange and destination and
 * deleted before them.
 */
export class PostroomBinding extends Construct {
  /**
   * The construct id of a binding: derived from what it binds, never from its position, so that
   * adding or removing another binding in an app leaves this one's CloudFormation resource alone
   * (a renumbered resource would be updated into another binding, and the old physical binding,
   * which a surviving construct declares, deleted in the cleanup).
   */
  static idOf(props: PostroomBindingProps): string {
    const body = bindingBody(props);
    const named = !Token.isUnresolved(JSON.stringify(body));
    // Unresolved names render as tokens numbered by creation order: use the constructs' paths then.
    const identity = named ? bindingIdentity(body) : JSON.stringify([props.exchange.node.path, props.destination.node.path, body.bindingKey, body.arguments]);
    return `Binding${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
  }

  constructor(scope: Construct, id: string, props: PostroomBindingProps) {
    const body = bindingBody(props);
    // Before the construct exists: a duplicate in the same scope would otherwise fail on its id first.
    rejectDuplicate(`${scope.node.path}/${id}`, props.broker, body);
    super(scope, id);
    validateBody(bindingRequestSchema, body, `binding of ${JSON.stringify(props.exchange.exchangeName)}`);
    topologyResource(this, props.broker, { Kind: 'binding', body });
    // On their resources, not the constructs: a binding made by addBinding is the exchange's child.
    this.node.addDependency(...[props.exchange, props.destination].map((piece) => piece.node.defaultChild ?? piece));
  }
}

/** The body of `POST /v1/bindings`. */
type BindingBody = { readonly exchange: string; readonly bindingKey: string; readonly arguments: Readonly<Record<string, string | number | boolean>> } & (
  | { readonly queue: string }
  | { readonly destinationExchange: string }
);

function bindingBody(props: PostroomBindingProps): BindingBody {
  const destination = 'queueName' in props.destination ? { queue: props.destination.queueName } : { destinationExchange: props.destination.exchangeName };
  return { exchange: props.exchange.exchangeName, ...destination, bindingKey: props.bindingKey ?? '', arguments: props.arguments ?? {} };
}

/** The identity the broker itself gives a binding: the same source, destination, key and arguments are one binding. */
function bindingIdentity(body: BindingBody): string {
  const destination = 'queue' in body ? { queue: body.queue } : { exchange: body.destinationExchange };
  return bindingKeyOf({ source: body.exchange, destination, bindingKey: body.bindingKey, arguments: body.arguments });
}

/** Two constructs declaring one binding would delete it for each other: refuse at synth time. */
function rejectDuplicate(path: string, broker: IPostroomBroker, body: BindingBody): void {
  if (Token.isUnresolved(JSON.stringify(body))) return;
  const declared = declaredBindings.get(broker) ?? new Map<string, string>();
  declaredBindings.set(broker, declared);
  const identity = bindingIdentity(body);
  const earlier = declared.get(identity);
  if (earlier !== undefined) {
    throw new Error(`duplicate binding: ${path} binds ${describe(body)} already bound by ${earlier}; declare each binding once`);
  }
  declared.set(identity, path);
}

function describe(body: BindingBody): string {
  const destination = 'queue' in body ? `queue ${JSON.stringify(body.queue)}` : `exchange ${JSON.stringify(body.destinationExchange)}`;
  return `${destination} to exchange ${JSON.stringify(body.exchange)} with key ${JSON.stringify(body.bindingKey)} and arguments ${JSON.stringify(body.arguments)}`;
}
