import { parseSagaTaskStateName, type SagaPhase } from './saga-contract.ts';

/** An error and its cause as history events carry them. */
interface ErrorDetails {
  readonly error?: string;
  readonly cause?: string;
}

/**
 * The part of a GetExecutionHistory event the timeline reads (the SDK's HistoryEvent fits it), so
 * this stays free of AWS imports.
 */
export interface ExecutionHistoryEvent {
  readonly timestamp?: Date;
  readonly type?: string;
  readonly stateEnteredEventDetails?: { readonly name?: string };
  readonly stateExitedEventDetails?: { readonly name?: string };
  readonly taskFailedEventDetails?: ErrorDetails;
  readonly taskStartFailedEventDetails?: ErrorDetails;
  readonly taskSubmitFailedEventDetails?: ErrorDetails;
  readonly taskTimedOutEventDetails?: ErrorDetails;
  readonly lambdaFunctionFailedEventDetails?: ErrorDetails;
  readonly lambdaFunctionScheduleFailedEventDetails?: ErrorDetails;
  readonly lambdaFunctionStartFailedEventDetails?: ErrorDetails;
  readonly lambdaFunctionTimedOutEventDetails?: ErrorDetails;
  readonly executionFailedEventDetails?: ErrorDetails;
  readonly executionAbortedEventDetails?: ErrorDetails;
  readonly executionTimedOutEventDetails?: ErrorDetails;
}

export type SagaStepStatus = 'running' | 'succeeded' | 'failed' | 'timed_out';

/** One run of a step's action or compensation, retries included. */
export interface SagaTimelineEntry {
  readonly step: string;
  readonly phase: SagaPhase;
  readonly status: SagaStepStatus;
  /** When the Task state was entered (ISO 8601). */
  readonly startedAt: string;
  /** When it was left, or its last attempt ended; absent while it runs. */
  readonly endedAt?: string;
  /** The error and cause of the last attempt, when it failed or timed out. */
  readonly error?: string;
  readonly cause?: string;
  /** How many times the task was scheduled: 1 + the retries it took. */
  readonly attempts: number;
}

type Outcome = { readonly status: Exclude<SagaStepStatus, 'running'>; readonly details?: ErrorDetails };

/** What each event type says about the attempt in flight; Lambda events come from `arn:aws:lambda` resources. */
function outcomeOf(event: ExecutionHistoryEvent): Outcome | undefined {
  switch (event.type) {
    case 'TaskSucceeded':
    case 'LambdaFunctionSucceeded':
      return { status: 'succeeded' };
    case 'TaskFailed':
      return { status: 'failed', details: event.taskFailedEventDetails };
    case 'TaskStartFailed':
      return { status: 'failed', details: event.taskStartFailedEventDetails };
    case 'TaskSubmitFailed':
      return { status: 'failed', details: event.taskSubmitFailedEventDetails };
    case 'LambdaFunctionFailed':
      return { status: 'failed', details: event.lambdaFunctionFailedEventDetails };
    case 'LambdaFunctionScheduleFailed':
      return { status: 'failed', details: event.lambdaFunctionScheduleFailedEventDetails };
    case 'LambdaFunctionStartFailed':
      return { status: 'failed', details: event.lambdaFunctionStartFailedEventDetails };
    case 'TaskTimedOut':
      return { status: 'timed_out', details: event.taskTimedOutEventDetails };
    case 'LambdaFunctionTimedOut':
      return { status: 'timed_out', details: event.lambdaFunctionTimedOutEventDetails };
    // An execution that ends while a task runs ends the task too.
    case 'ExecutionFailed':
      return { status: 'failed', details: event.executionFailedEventDetails };
    case 'ExecutionAborted':
      return { status: 'failed', details: event.executionAbortedEventDetails };
    case 'ExecutionTimedOut':
      return { status: 'timed_out', details: event.executionTimedOutEventDetails };
    default:
      return undefined;
  }
}

type MutableEntry = { -readonly [K in keyof SagaTimelineEntry]: SagaTimelineEntry[K] };

/**
 * The saga's timeline from its execution history (oldest event first): one entry per Task state
 * `"<step> action"` / `"<step> compensation"` entered, in the order they were entered. A state
 * retried by its Retry policy stays ONE entry: each TaskScheduled counts an attempt, and the entry
 * shows the last attempt's outcome (so a step that failed once and then succeeded reads
 * `succeeded`, attempts 2). Task events carry no state name, so they belong to the Task state
 * entered last and not yet left: saga state machines run one task at a time.
 */
export function sagaTimeline(events: readonly ExecutionHistoryEvent[]): SagaTimelineEntry[] {
  const entries: MutableEntry[] = [];
  let current: MutableEntry | undefined;
  for (const event of events) {
    const at = (event.timestamp ?? new Date(0)).toISOString();
    if (event.type === 'TaskStateEntered') {
      const state = parseSagaTaskStateName(event.stateEnteredEventDetails?.name ?? '');
      current = state && { ...state, status: 'running', startedAt: at, attempts: 0 };
      if (current) entries.push(current);
      continue;
    }
    if (!current) continue;
    if (event.type === 'TaskStateExited') {
      current.endedAt = at;
      current = undefined;
    } else if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') {
      current.attempts += 1;
      current.status = 'running';
      delete current.endedAt;
      delete current.error;
      delete current.cause;
    } else {
      const outcome = outcomeOf(event);
      // An uncaught task failure ends the execution too: its ExecutionFailed repeats what the task said.
      if (!outcome || (event.type?.startsWith('Execution') && current.status !== 'running')) continue;
      current.status = outcome.status;
      current.endedAt = at;
      if (outcome.details?.error !== undefined) current.error = outcome.details.error;
      if (outcome.details?.cause !== undefined) current.cause = outcome.details.cause;
    }
  }
  return entries;
}
