import { ProblemError } from './problem.ts';

/** One thing wrong with a request, as `errors` entries of a 400 problem. */
export interface FieldError {
  /** Dotted path into the request body or query, e.g. `messages.3.body`; empty for the whole. */
  readonly path: string;
  readonly message: string;
}

export class InvalidRequestError extends ProblemError {
  constructor(detail: string, errors: readonly FieldError[]) {
    super({ status: 400, code: 'invalid_request', title: 'Invalid request', detail, extensions: { errors } });
    this.name = 'InvalidRequestError';
  }
}

export class InvalidQueueNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_queue_name',
      title: 'Invalid queue name',
      detail: `${JSON.stringify(name)} is not a valid queue name: use 1 to 128 letters, digits, '.', '_' or '-'.`,
    });
    this.name = 'InvalidQueueNameError';
  }
}

export class InvalidJsonError extends ProblemError {
  constructor(reason: string) {
    super({
      status: 400,
      code: 'invalid_json',
      title: 'Malformed JSON',
      detail: `The request body is not valid JSON (${reason}); send a JSON document.`,
    });
    this.name = 'InvalidJsonError';
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  constructor(contentType: string | undefined) {
    super({
      status: 415,
      code: 'unsupported_media_type',
      title: 'Unsupported media type',
      detail: `The request body must be JSON, sent with "content-type: application/json"; got ${contentType === undefined ? 'no content type' : JSON.stringify(contentType)}.`,
    });
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class RouteNotFoundError extends ProblemError {
  /** `suggestion`: the route the request most likely meant, as `METHOD /path`. */
  constructor(method: string, path: string, suggestion: string | undefined) {
    const advice =
      suggestion !== undefined
        ? `did you mean ${suggestion}?`
        : path === '/v1' || path.startsWith('/v1/')
          ? "check the method and path against the README's examples (e.g. GET /v1/queues)."
          : 'the API lives under /v1 (e.g. GET /v1/queues).';
    super({
      status: 404,
      code: 'route_not_found',
      title: 'Route not found',
      detail: `There is no route for ${method} ${path}; ${advice}`,
      ...(suggestion !== undefined && { extensions: { suggestion } }),
    });
    this.name = 'RouteNotFoundError';
  }
}

/** A path the API has, with a method it has not for it (HTTP's Allow header lists those it has). */
export class MethodNotAllowedError extends ProblemError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super({
      status: 405,
      code: 'method_not_allowed',
      title: 'Method not allowed',
      detail: `${path} does not take ${method}; it takes ${allowed.join(', ')}.`,
      extensions: { allowed },
      headers: { allow: allowed.join(', ') },
    });
    this.name = 'MethodNotAllowedError';
  }
}

export class QueueNotFoundError extends ProblemError {
  constructor(name: string) {
    super({
      status: 404,
      code: 'queue_not_found',
      title: 'Queue not found',
      detail: `Queue ${JSON.stringify(name)} does not exist; declare it with PUT /v1/queues/${name} first.`,
    });
    this.name = 'QueueNotFoundError';
  }
}

/** One setting whose declared value differs from the requested one. */
export interface SettingDifference {
  readonly setting: string;
  /** null for an optional setting that is not set. */
  readonly existing: number | string | boolean | null;
  readonly requested: number | string | boolean | null;
}

/** RabbitMQ's PRECONDITION_FAILED for a redeclaration with other arguments. */
export class QueueExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly SettingDifference[]) {
    // No listed difference means the SQS queue itself was changed outside Postroom.
    const listed =
      differences.map((d) => `${d.setting} is ${JSON.stringify(d.existing)}, not ${JSON.stringify(d.requested)}`).join('; ') ||
      'its SQS queue was changed outside Postroom';
    super({
      status: 409,
      code: 'queue_exists_with_different_settings',
      title: 'Queue exists with different settings',
      detail: `Queue ${JSON.stringify(name)} already exists with different settings (${listed}); declare it with its existing settings, or delete it first.`,
      extensions: { differences },
    });
    this.name = 'QueueExistsWithDifferentSettingsError';
  }
}

/** SQS refuses to create a queue within 60 seconds of deleting one of the same name. */
export class QueueRecentlyDeletedError extends ProblemError {
  constructor(name: string) {
    super({
      status: 409,
      code: 'queue_recently_deleted',
      title: 'Queue recently deleted',
      detail: `Queue ${JSON.stringify(name)} was deleted less than a minute ago, and SQS does not allow recreating it yet; declare it again in a minute.`,
    });
    this.name = 'QueueRecentlyDeletedError';
  }
}

/** SNS allows 200 filter policies per topic (and 10,000 per account) by default: one per queue. */
export class QueueLimitReachedError extends ProblemError {
  constructor(name: string) {
    super({
      status: 409,
      code: 'queue_limit_reached',
      title: 'Queue limit reached',
      detail: `Queue ${JSON.stringify(name)} cannot be subscribed to the stack's fan-out topic: SNS's quota of filter policies (200 per topic, 10,000 per account by default) is used up. Delete queues, or raise the quota in Service Quotas and declare it again.`,
    });
    this.name = 'QueueLimitReachedError';
  }
}

export class QueueNotEmptyError extends ProblemError {
  constructor(name: string, counts: { readonly ready: number; readonly inFlight: number; readonly delayed: number }) {
    super({
      status: 409,
      code: 'queue_not_empty',
      title: 'Queue not empty',
      detail: `Queue ${JSON.stringify(name)} still holds messages (${counts.ready} ready, ${counts.inFlight} in flight, ${counts.delayed} delayed); consume them or delete without ifEmpty=true.`,
      extensions: { messages: counts },
    });
    this.name = 'QueueNotEmptyError';
  }
}

/** SQS allows one PurgeQueue per queue in 60 seconds, and does not say when the last one was. */
export class PurgeInProgressError extends ProblemError {
  constructor(name: string) {
    super({
      status: 409,
      code: 'purge_in_progress',
      title: 'Purge in progress',
      detail: `Queue ${JSON.stringify(name)} was purged less than a minute ago, and SQS allows one purge a minute (deleting the messages takes up to a minute too); purge again after Retry-After seconds.`,
      headers: { 'retry-after': '60' },
    });
    this.name = 'PurgeInProgressError';
  }
}

export class MessageTooLargeError extends ProblemError {
  constructor(index: number, messageId: string, bytes: number, limit: number) {
    super({
      status: 413,
      code: 'message_too_large',
      title: 'Message too large',
      detail: `Message ${index} (${JSON.stringify(messageId)}) is ${bytes} bytes once encoded, over the limit of ${limit}; nothing was published. Store large payloads elsewhere and publish a reference.`,
      extensions: { index, messageId, bytes, limit },
    });
    this.name = 'MessageTooLargeError';
  }
}

/** Some messages reached the queue, some did not, for reasons on AWS's side: retry the failed ones. */
export class PublishIncompleteError extends ProblemError {
  constructor(publishedMessageIds: readonly string[], failedMessageIds: readonly string[]) {
    super({
      status: 503,
      code: 'publish_incomplete',
      title: 'Publish incomplete',
      detail: `${failedMessageIds.length} of ${publishedMessageIds.length + failedMessageIds.length} messages could not be published because AWS was unavailable; publish the failed ones again.`,
      extensions: { publishedMessageIds, failedMessageIds },
    });
    this.name = 'PublishIncompleteError';
  }
}

export class InvalidExchangeNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_exchange_name',
      title: 'Invalid exchange name',
      detail: `${JSON.stringify(name)} is not a valid exchange name: use 1 to 255 letters, digits, '.', '_', ':' or '-'.`,
    });
    this.name = 'InvalidExchangeNameError';
  }
}

/** RabbitMQ's ACCESS_REFUSED: `amq.*` exchanges belong to the broker, and the default exchange takes no bindings. */
export class AccessRefusedError extends ProblemError {
  constructor(detail: string) {
    super({ status: 403, code: 'access_refused', title: 'Access refused', detail });
    this.name = 'AccessRefusedError';
  }
}

/** One exchange setting whose declared value differs from the requested one (null: not set). */
export interface ExchangeSettingDifference {
  readonly setting: string;
  readonly existing: string | null;
  readonly requested: string | null;
}

export class ExchangeExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly ExchangeSettingDifference[]) {
    const listed = differences.map((d) => `${d.setting} is ${JSON.stringify(d.existing)}, not ${JSON.stringify(d.requested)}`).join('; ');
    super({
      status: 409,
      code: 'exchange_exists_with_different_settings',
      title: 'Exchange exists with different settings',
      detail: `Exchange ${JSON.stringify(name)} already exists with different settings (${listed}); declare it with its existing settings, or delete it first.`,
      extensions: { differences },
    });
    this.name = 'ExchangeExistsWithDifferentSettingsError';
  }
}

export class ExchangeInUseError extends ProblemError {
  constructor(name: string, bindings: number) {
    super({
      status: 409,
      code: 'exchange_in_use',
      title: 'Exchange in use',
      detail: `Exchange ${JSON.stringify(name)} is the source of ${bindings} binding(s); unbind them, or delete without ifUnused=true.`,
      extensions: { bindings },
    });
    this.name = 'ExchangeInUseError';
  }
}

export class BindingNotFoundError extends ProblemError {
  constructor() {
    super({
      status: 404,
      code: 'binding_not_found',
      title: 'Binding not found',
      detail: 'There is no such binding: a binding is identified by its exchange, destination, binding key and arguments together.',
    });
    this.name = 'BindingNotFoundError';
  }
}

/** A mandatory message that no queue would receive (RabbitMQ returns it with NO_ROUTE). */
export class UnroutableError extends ProblemError {
  constructor(index: number, exchange: string, routingKey: string, messageId: string | undefined) {
    const which = messageId === undefined ? `Message ${index}` : `Message ${index} (${JSON.stringify(messageId)})`;
    super({
      status: 422,
      code: 'unroutable',
      title: 'Unroutable message',
      detail: `${which} is mandatory but routes to no queue from exchange ${JSON.stringify(exchange)} with routing key ${JSON.stringify(routingKey)}; nothing was published. Bind a queue first, or publish it without mandatory.`,
      extensions: { index, exchange, routingKey, ...(messageId !== undefined && { messageId }) },
    });
    this.name = 'UnroutableError';
  }
}

export class ServiceUnavailableError extends ProblemError {
  constructor(options?: ErrorOptions) {
    super(
      {
        status: 503,
        code: 'service_unavailable',
        title: 'Service unavailable',
        detail: 'An AWS service Postroom depends on is throttling or failing; retry the request after a short wait.',
      },
      options,
    );
    this.name = 'ServiceUnavailableError';
  }
}

export class InternalError extends ProblemError {
  constructor(options?: ErrorOptions) {
    super(
      {
        status: 500,
        code: 'internal_error',
        title: 'Internal error',
        detail: 'Postroom failed unexpectedly; the error was logged. Retry, and report it if it persists.',
      },
      options,
    );
    this.name = 'InternalError';
  }
}
