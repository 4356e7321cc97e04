import { describe, expect, it } from 'vitest';
import { sagaTimeline, type ExecutionHistoryEvent } from '../../../../functions/core/sagas/saga-timeline.ts';
import { compensatedAfterRetriesHistory, timedOutAtFirstStepHistory } from '../../../fixtures/saga-execution-histories.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
const iso = (seconds: number) => at(seconds).toISOString();

describe('Function: sagaTimeline', () => {
  it('lists the action, the retried failing action and the compensation in the order moto ran them', () => {
    const steps = sagaTimeline(compensatedAfterRetriesHistory);

    expect(steps.map(({ step, phase, status, attempts, error }) => ({ step, phase, status, attempts, error }))).toEqual([
      { step: 'a', phase: 'action', status: 'succeeded', attempts: 1, error: undefined },
      { step: 'b', phase: 'action', status: 'failed', attempts: 2, error: 'Boom' },
      { step: 'a', phase: 'compensation', status: 'succeeded', attempts: 1, error: undefined },
    ]);
  });

  it('dates each entry from entering its state to leaving it', () => {
    const events = compensatedAfterRetriesHistory;
    const [first] = sagaTimeline(events);
    const entered = events.find((e) => e.type === 'TaskStateEntered')!;
    const exited = events.find((e) => e.type === 'TaskStateExited')!;

    expect(first!.startedAt).toBe(entered.timestamp!.toISOString());
    expect(first!.endedAt).toBe(exited.timestamp!.toISOString());
  });

  it('reports a task nobody answered as timed_out with States.Timeout after its retries', () => {
    expect(sagaTimeline(timedOutAtFirstStepHistory)).toEqual([
      expect.objectContaining({ step: 'a', phase: 'action', status: 'timed_out', attempts: 2, error: 'States.Timeout' }),
    ]);
  });

  it('shows the last attempt: a retry that succeeds clears the earlier failure', () => {
    const events: ExecutionHistoryEvent[] = [
      { type: 'TaskStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'pay action' } },
      { type: 'TaskScheduled', timestamp: at(0) },
      { type: 'TaskFailed', timestamp: at(1), taskFailedEventDetails: { error: 'Declined', cause: 'card' } },
      { type: 'TaskScheduled', timestamp: at(2) },
      { type: 'TaskSucceeded', timestamp: at(3) },
      { type: 'TaskStateExited', timestamp: at(3), stateExitedEventDetails: { name: 'pay action' } },
    ];

    expect(sagaTimeline(events)).toEqual([{ step: 'pay', phase: 'action', status: 'succeeded', startedAt: iso(0), endedAt: iso(3), attempts: 2 }]);
  });

  it('shows a step that is still running without endedAt, and between retries as running', () => {
    const events: ExecutionHistoryEvent[] = [
      { type: 'TaskStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'ship action' } },
      { type: 'TaskScheduled', timestamp: at(0) },
      { type: 'TaskTimedOut', timestamp: at(5), taskTimedOutEventDetails: { error: 'States.Timeout' } },
      { type: 'TaskScheduled', timestamp: at(6) },
    ];

    expect(sagaTimeline(events)).toEqual([{ step: 'ship', phase: 'action', status: 'running', startedAt: iso(0), attempts: 2 }]);
  });

  it("keeps an uncaught failure's own error when the execution fails with it", () => {
    const events: ExecutionHistoryEvent[] = [
      { type: 'TaskStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'stock compensation' } },
      { type: 'LambdaFunctionScheduled', timestamp: at(0) },
      { type: 'LambdaFunctionFailed', timestamp: at(1), lambdaFunctionFailedEventDetails: { error: 'Error', cause: 'gone' } },
      { type: 'ExecutionFailed', timestamp: at(2), executionFailedEventDetails: { error: 'States.Runtime', cause: 'other' } },
    ];

    expect(sagaTimeline(events)).toEqual([
      { step: 'stock', phase: 'compensation', status: 'failed', startedAt: iso(0), endedAt: iso(1), error: 'Error', cause: 'gone', attempts: 1 },
    ]);
  });

  it('ends a running step with the execution when it is aborted or times out', () => {
    const running: ExecutionHistoryEvent[] = [
      { type: 'TaskStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'a action' } },
      { type: 'TaskScheduled', timestamp: at(0) },
    ];

    expect(sagaTimeline([...running, { type: 'ExecutionTimedOut', timestamp: at(9), executionTimedOutEventDetails: { error: 'States.Timeout' } }])).toEqual([
      { step: 'a', phase: 'action', status: 'timed_out', startedAt: iso(0), endedAt: iso(9), error: 'States.Timeout', attempts: 1 },
    ]);
    expect(sagaTimeline([...running, { type: 'ExecutionAborted', timestamp: at(4), executionAbortedEventDetails: { cause: 'stopped by hand' } }])).toEqual([
      { step: 'a', phase: 'action', status: 'failed', startedAt: iso(0), endedAt: iso(4), cause: 'stopped by hand', attempts: 1 },
    ]);
  });

  it("ignores the saga's other states, Task states included", () => {
    const events: ExecutionHistoryEvent[] = [
      { type: 'PassStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'Start' } },
      { type: 'TaskStateEntered', timestamp: at(1), stateEnteredEventDetails: { name: 'Notify' } },
      { type: 'TaskScheduled', timestamp: at(1) },
      { type: 'TaskSucceeded', timestamp: at(2) },
      { type: 'TaskStateExited', timestamp: at(2), stateExitedEventDetails: { name: 'Notify' } },
      { type: 'FailStateEntered', timestamp: at(3), stateEnteredEventDetails: { name: 'CompensationFailed' } },
    ];

    expect(sagaTimeline(events)).toEqual([]);
  });
});
