import { ProblemError } from './problem.ts';

/* Problems of any request: its shape, its route, and failures on AWS's side. */

/** One thing wrong with a request, as `errors` entries of a 400 problem. */
export interface FieldError {
  /** Dotted path into the request body or query, e.g. `messages.3.body`; empty for the whole. */
  readonly path: string;
  readonly message: string;
}

export class InvalidRequestError extends ProblemError {
  constructor(detail: string, errors: readonly FieldError[]) {
    super({ status: 400, code: 'invalid_request', title: 'Invalid request', detail, extensions: { errors } });
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
  }
}
