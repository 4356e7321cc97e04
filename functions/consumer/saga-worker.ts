import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { openMessage } from '../core/envelope.ts';
import { TRACEPARENT } from '../core/trace-context.ts';

/**
 * A saga step's task: the body (inside Postroom's envelope) of the message a queue step's worker
 * receives, and, without `taskToken`, the event of a Lambda step.
 */
export interface SagaTaskMessage {
  /** Answers the task (SendTaskSuccess / SendTaskFailure, or `POST /v1/tasks/success | failure`); queue steps only. */
  readonly taskToken?: string;
  readonly saga: string;
  readonly executionId: string;
  readonly step: string;
  readonly phase: 'action' | 'compensation';
  /** The input the execution was started with. */
  readonly input: unknown;
  /** The results of the steps done so far, by step name. */
  readonly results?: Readonly<Record<string, unknown>>;
  /**
   * The W3C traceparent of this task: the execution's trace id with a parent id of its own (from
   * the message's headers on a queue step). Pass it on to what the phase calls.
   */
  readonly traceparent?: string;
}

/**
 * What a phase handler returns to answer the task itself later (e.g. after a person approved it),
 * with the message's `taskToken` and `POST /v1/tasks/success | failure`; the step's timeout still runs.
 */
export const answerLater: unique symbol = Symbol('postroom.saga.answerLater');

/**
 * Runs one phase of a step; what it returns (JSON) becomes the step's result, what it throws fails
 * the task, and `answerLater` leaves the task open.
 */
export type SagaPhaseHandler = (message: SagaTaskMessage, context: Context) => unknown;

export interface SagaWorkerOptions {
  /** Does the step's work. */
  readonly action: SagaPhaseHandler;
  /**
   * Undoes the action. A compensation message for a worker without one fails the task with
   * `Saga.NoCompensation`.
   *
   * @default - none
   */
  readonly compensation?: SagaPhaseHandler;
  /**
   * The client that answers the tasks.
   *
   * @default - an SFNClient configured from the environment
   */
  readonly client?: Pick<SFNClient, 'send'>;
}

/** Step Functions' bounds on SendTaskFailure's `error` and `cause`. */
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

/**
 * What Step Functions answers for a task that can no longer take an answer: it was answered (this is
 * a redelivery), timed out, or its execution ended. Retrying cannot change that, so the message is done.
 */
const TASK_CLOSED_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

const sagaTaskMessageSchema = z.object({
  taskToken: z.string().check(z.minLength(1)),
  saga: z.string(),
  executionId: z.string(),
  step: z.string(),
  phase: z.enum(['action', 'compensation']),
  input: z.unknown(),
  results: z.optional(z.record(z.string(), z.unknown())),
  traceparent: z.optional(z.string()),
});

/** An SQS message on a step queue that is not a saga task: it goes back, and on to the queue's dead letters. */
export class NotASagaTaskError extends Error {
  constructor(messageId: string) {
    super(`message ${messageId} is not a saga task: expected a Postroom envelope whose body is a SagaTaskMessage`);
    this.name = 'NotASagaTaskError';
  }
}

let defaultClient: SFNClient | undefined;

/**
 * A Lambda handler for an SQS event source on a saga step's Postroom queue (enable
 * ReportBatchItemFailures). Each record's SagaTaskMessage runs the phase's handler, and the task is
 * answered with SendTaskSuccess `{output}` or SendTaskFailure `{error: name, cause: message}`: a
 * handler's failure is the saga's business, so the record is done either way. A record comes back
 * (batch item failure) only when the answer could not be delivered (if every record of the batch
 * failed, it throws, as Powertools does, so that Lambda retries the batch). A redelivered record runs its
 * handler again, so make handlers idempotent (e.g. keyed on executionId and step); its answer then
 * meets a closed task, which counts as done.
 *
 * @example
 * export const handler = sagaWorker({
 *   action: async (task) => ({ reservationId: await reserve(task.input, task.executionId) }),
 *   compensation: async (task) => release(task.results?.inventory),
 * });
 */
export function sagaWorker(options: SagaWorkerOptions): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processRecord = async (record: SQSRecord, context: Context) => {
    const message = sagaTaskOf(record);
    const command = await answer(options, message, context);
    if (command) await deliver(options.client ?? (defaultClient ??= new SFNClient({})), command);
  };
  return (event, context) => processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context });
}

function sagaTaskOf(record: SQSRecord): SagaTaskMessage {
  const { payload, headers } = openMessage(record.body, { messageId: record.messageId, publishedAt: null });
  const parsed = 'body' in payload ? sagaTaskMessageSchema.safeParse(payload.body) : undefined;
  if (!parsed?.success) throw new NotASagaTaskError(record.messageId);
  const traceparent = headers[TRACEPARENT];
  return typeof traceparent === 'string' ? { ...parsed.data, traceparent } : parsed.data;
}

async function answer(options: SagaWorkerOptions, message: SagaTaskMessage, context: Context): Promise<SendTaskSuccessCommand | SendTaskFailureCommand | undefined> {
  const taskToken = message.taskToken!;
  const handler = message.phase === 'action' ? options.action : options.compensation;
  if (!handler) {
    return new SendTaskFailureCommand({ taskToken, error: 'Saga.NoCompensation', cause: `the worker of step "${message.step}" has no compensation` });
  }
  try {
    const output = await handler(message, context);
    if (output === answerLater) return undefined;
    return new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? null) });
  } catch (error) {
    const { name, message: cause } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    return new SendTaskFailureCommand({ taskToken, error: name.slice(0, MAX_ERROR_LENGTH), cause: cause.slice(0, MAX_CAUSE_LENGTH) });
  }
}

async function deliver(client: Pick<SFNClient, 'send'>, command: SendTaskSuccessCommand | SendTaskFailureCommand): Promise<void> {
  try {
    await client.send(command as SendTaskSuccessCommand);
  } catch (error) {
    if (error instanceof Error && TASK_CLOSED_ERRORS.has(error.name)) return;
    throw error;
  }
}
