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
  constructor(method: string, path: string) {
    super({
      status: 404,
      code: 'route_not_found',
      title: 'Route not found',
      detail: `There is no route for ${method} ${path}; the API lives under /v1 (e.g. GET /v1/queues).`,
    });
    this.name = 'RouteNotFoundError';
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
  readonly existing: number;
  readonly requested: number;
}

/** RabbitMQ's PRECONDITION_FAILED for a redeclaration with other arguments. */
export class QueueExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly SettingDifference[]) {
    // No listed difference means the SQS queue itself was changed outside Postroom.
    const listed =
      differences.map((d) => `${d.setting} is ${d.existing}, not ${d.requested}`).join('; ') ||
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
      detail: `${failedMessageIds.length} of ${publishedMessageIds.length + failedMessageIds.length} messages could not be published because SQS was unavailable; publish the failed ones again.`,
      extensions: { publishedMessageIds, failedMessageIds },
    });
    this.name = 'PublishIncompleteError';
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
