import { createHash } from 'node:crypto';
import type { ApiRequest, OperationHandler } from '../api/http.ts';
import { bind } from '../api/operations/exchanges/bind.ts';
import { declareExchange } from '../api/operations/exchanges/declare-exchange.ts';
import { declareQueue } from '../api/operations/queues/declare-queue.ts';
import { deleteExchange } from '../api/operations/exchanges/delete-exchange.ts';
import { deleteQueue } from '../api/operations/queues/delete-queue.ts';
import { registerProjection, unregisterProjection } from '../api/operations/event-stores/projection-registration.ts';
import { declareStream } from '../api/operations/streams/declare-stream.ts';
import { deleteStream } from '../api/operations/streams/delete-stream.ts';
import { unbind } from '../api/operations/exchanges/unbind.ts';
import type { Services } from '../api/services.ts';
import { BindingNotFoundError, ExchangeNotFoundError, QueueNotFoundError, StreamNotFoundError } from '../core/problems/index.ts';

/** The resource properties the CDK constructs write (lib/constructs/topology/topology-resource.ts). */
export interface TopologyProperties {
  readonly Kind: 'queue' | 'exchange' | 'binding' | 'stream' | 'projection';
  /** The queue's, exchange's or stream's name, a projection's `<store>/<name>`; absent for bindings. */
  readonly Name?: string;
  /** The HTTP API's request body as JSON: CloudFormation would turn numbers and booleans into strings. */
  readonly Body: string;
}

/** One piece of topology as the HTTP API's operations take it: create with one, delete with the other. */
interface TopologyOperations {
  readonly create: OperationHandler;
  readonly remove: OperationHandler;
  /** Deleting what is already gone succeeds, as CloudFormation expects of a delete. */
  readonly isGone: (error: unknown) => boolean;
}

const operationsByKind: Readonly<Record<TopologyProperties['Kind'], TopologyOperations>> = {
  queue: { create: declareQueue, remove: deleteQueue, isGone: (error) => error instanceof QueueNotFoundError },
  exchange: { create: declareExchange, remove: deleteExchange, isGone: (error) => error instanceof ExchangeNotFoundError },
  stream: { create: declareStream, remove: deleteStream, isGone: (error) => error instanceof StreamNotFoundError },
  // Deleting its queue or exchange (in the same stack update, or by hand) took the binding with it.
  binding: { create: bind, remove: unbind, isGone: (error) => error instanceof BindingNotFoundError },
  // A Projection's registration, so that the API accepts its rebuilds; removing one is idempotent.
  projection: { create: registerProjection, remove: unregisterProjection, isGone: () => false },
};

/**
 * Declares the piece (Create, Update) through the same operation as the HTTP API, so a changed
 * immutable setting fails as the API's 409 does. A renamed piece gets a new physical ID, after
 * which CloudFormation deletes the old one.
 */
export async function applyTopology(properties: TopologyProperties, services: Services): Promise<string> {
  await operationsByKind[properties.Kind].create(requestFor(properties), services);
  return physicalIdOf(properties);
}

/** Deletes the piece through the same operation as the HTTP API; one already gone counts as deleted. */
export async function removeTopology(properties: TopologyProperties, services: Services): Promise<void> {
  const operations = operationsByKind[properties.Kind];
  try {
    await operations.remove(requestFor(properties), services);
  } catch (error) {
    if (!operations.isGone(error)) throw error;
  }
}

/** `queue:<name>`, `exchange:<name>`, `stream:<name>`, `projection:<store>/<name>`, or for a binding a digest of everything that identifies it. */
export function physicalIdOf(properties: TopologyProperties): string {
  if (properties.Kind !== 'binding') return `${properties.Kind}:${properties.Name}`;
  return `binding:${createHash('sha256').update(properties.Body).digest('hex')}`;
}

function requestFor(properties: TopologyProperties): ApiRequest {
  return {
    method: 'CLOUDFORMATION',
    path: '',
    pathParameters: { name: properties.Name },
    query: {},
    queryValues: {},
    body: JSON.parse(properties.Body),
    // Lambda's own timeout bounds the operation; none of these long-poll.
    deadline: Number.MAX_SAFE_INTEGER,
  };
}
