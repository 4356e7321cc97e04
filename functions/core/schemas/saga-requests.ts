import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { SAGA_NAME_PATTERN } from '../sagas/saga-contract.ts';
import { InvalidSagaNameError } from '../problems/index.ts';
import { sagaStatuses } from '../sagas/saga-status.ts';
import { queryIntegerIn } from './numbers.ts';

/** Step Functions' limits on SendTaskSuccess / SendTaskFailure's parameters. */
const MAX_TASK_TOKEN_LENGTH = 2048;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

/** An execution's name: Step Functions allows 80 characters; Postroom keeps to those safe in a URL path. */
const executionIdPattern = /^[A-Za-z0-9_-]{1,80}$/;
const executionIdError = "must be 1 to 80 letters, digits, '_' or '-'";

/** The `{name}` path parameter, or a 400 `invalid_saga_name`. */
export function parseSagaName(raw: string | undefined): string {
  if (raw === undefined || !SAGA_NAME_PATTERN.test(raw)) throw new InvalidSagaNameError(raw ?? '');
  return raw;
}

/** The `{executionId}` path parameter. */
export const executionIdSchema = z.string().check(z.regex(executionIdPattern, { error: executionIdError }));

/**
 * Body of `POST /v1/sagas/{name}/executions`: `input` is any JSON value (null when absent); without
 * an executionId the execution gets a random one, so only a given one makes the start idempotent.
 */
export const startExecutionRequestSchema = z.prefault(
  z.strictObject({
    input: z._default(z.unknown(), null),
    executionId: z._default(executionIdSchema, () => randomUUID()),
  }),
  {},
);

const taskTokenSchema = z.string({ error: 'must be the taskToken of the message the worker received' }).check(
  z.minLength(1, { error: 'must not be empty' }),
  z.maxLength(MAX_TASK_TOKEN_LENGTH, { error: `must be at most ${MAX_TASK_TOKEN_LENGTH} characters` }),
);

/** Body of `POST /v1/tasks/success`: the step's result, any JSON value (null when absent). */
export const taskSuccessRequestSchema = z.strictObject({
  taskToken: taskTokenSchema,
  output: z._default(z.unknown(), null),
});

/** Body of `POST /v1/tasks/failure`: the error is what a Retry or Catch matches on. */
export const taskFailureRequestSchema = z.strictObject({
  taskToken: taskTokenSchema,
  error: z.optional(z.string().check(z.maxLength(MAX_ERROR_LENGTH, { error: `must be at most ${MAX_ERROR_LENGTH} characters` }))),
  cause: z.optional(z.string().check(z.maxLength(MAX_CAUSE_LENGTH, { error: `must be at most ${MAX_CAUSE_LENGTH} characters` }))),
});

export const MAX_EXECUTIONS_PER_PAGE = 100;

/** Query of `GET /v1/sagas/{name}/executions`. */
export const listExecutionsQuerySchema = z.prefault(
  z.strictObject({
    status: z.optional(z.enum(sagaStatuses, { error: `must be one of ${sagaStatuses.join(', ')}` })),
    max: z._default(queryIntegerIn(1, MAX_EXECUTIONS_PER_PAGE), 20),
    nextToken: z.optional(z.string().check(z.minLength(1, { error: 'must be the nextToken of the previous page' }))),
  }),
  {},
);
