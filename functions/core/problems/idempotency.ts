import { ProblemError } from './problem.ts';

/* Problems of Idempotency-Key requests. */

export class InvalidIdempotencyKeyError extends ProblemError {
  constructor(key: string) {
    super({
      status: 400,
      code: 'invalid_idempotency_key',
      title: 'Invalid Idempotency-Key',
      detail: `The Idempotency-Key header (${key.length} characters) must be 1 to 255 visible ASCII characters, without spaces; a UUID is a good choice.`,
    });
  }
}

export class IdempotencyKeyReusedError extends ProblemError {
  constructor(options?: ErrorOptions) {
    super(
      {
        status: 422,
        code: 'idempotency_key_reused',
        title: 'Idempotency-Key reused',
        detail: 'This Idempotency-Key was already used on this resource with a different request body; use a new key for a new request.',
      },
      options,
    );
  }
}

export class RequestInProgressError extends ProblemError {
  constructor(retryAfterSeconds: number, options?: ErrorOptions) {
    super(
      {
        status: 409,
        code: 'request_in_progress',
        title: 'Request in progress',
        detail: `A request with this Idempotency-Key is still being processed; retry in ${retryAfterSeconds} s to get its response.`,
        headers: { 'retry-after': String(retryAfterSeconds) },
      },
      options,
    );
  }
}

export class IdempotencyStoreUnavailableError extends ProblemError {
  constructor(options?: ErrorOptions) {
    super(
      {
        status: 503,
        code: 'idempotency_store_unavailable',
        title: 'Idempotency store unavailable',
        detail: 'The idempotency store could not be reached, so the request was not processed; retry it with the same Idempotency-Key.',
      },
      options,
    );
  }
}
