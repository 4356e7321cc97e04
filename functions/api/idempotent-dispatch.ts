import {
  IdempotencyAlreadyInProgressError,
  IdempotencyUnknownError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { IdempotencyKeyReusedError, IdempotencyStoreUnavailableError, RequestInProgressError } from '../core/problems/index.ts';
import type { Dispatch } from './idempotency-keys.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import type { JsonApiEvent } from './middleware/json-body.ts';

/** What Powertools hashes: `key` names the record, `body` is validated; the rest is not hashed. */
interface IdempotentRequest {
  readonly key: string;
  readonly body: unknown;
  readonly event: JsonApiEvent;
  /** Set once the operation succeeded, in case storing its response then fails. */
  response?: APIGatewayProxyStructuredResultV2;
}

/** Runs a request whose route honours Idempotency-Key under `key`, its scoped key. */
export type IdempotentDispatch = (event: JsonApiEvent, context: Context, key: string) => Promise<APIGatewayProxyStructuredResultV2>;

/** A request in flight usually answers within a second; its lock lasts at most the function's timeout. */
const RETRY_AFTER_SECONDS = 1;

/** Carries a non-2xx response through Powertools as a failure, so that it deletes the record. */
class UnstoredResponse extends Error {
  readonly response: APIGatewayProxyStructuredResultV2;

  constructor(response: APIGatewayProxyStructuredResultV2) {
    super(`status ${response.statusCode} is not stored`);
    this.response = response;
    this.name = 'UnstoredResponse';
  }
}

const isSuccess = (response: APIGatewayProxyStructuredResultV2): boolean => (response.statusCode ?? 200) < 300;

/** Powertools' errors as problems; anything else (the operation's own problems) passes unchanged. */
function toProblem(error: unknown): unknown {
  if (error instanceof IdempotencyValidationError) return new IdempotencyKeyReusedError({ cause: error });
  if (error instanceof IdempotencyAlreadyInProgressError) return new RequestInProgressError(RETRY_AFTER_SECONDS, { cause: error });
  // Store failures (IdempotencyPersistenceLayerError) and states that persist through its retries.
  if (error instanceof IdempotencyUnknownError) return new IdempotencyStoreUnavailableError({ cause: error });
  return error;
}

/**
 * Powertools' makeIdempotent around `dispatch`: a conditional put locks the key (until the
 * function's remaining time runs out), a 2xx response is stored with it for the window, and a
 * repeat gets that response back without running again. A non-2xx response deletes the lock, so a
 * corrected request can reuse the key.
 */
export function idempotentDispatch(dispatch: Dispatch, store: IdempotencyStore): IdempotentDispatch {
  const runOnce = async (request: IdempotentRequest, context: Context) => {
    const response = await dispatch(request.event, context);
    if (!isSuccess(response)) throw new UnstoredResponse(response);
    request.response = response;
    return response;
  };
  const idempotent = makeIdempotent(runOnce, store);

  return async (event, context, key) => {
    const request: IdempotentRequest = { key, body: event.parsedBody ?? null, event };
    try {
      return await idempotent(request, context);
    } catch (error) {
      if (error instanceof UnstoredResponse) return error.response;
      // The work is done and only its record failed: a 503 would invite the duplicate we guard against.
      if (request.response) return request.response;
      throw toProblem(error);
    }
  };
}
