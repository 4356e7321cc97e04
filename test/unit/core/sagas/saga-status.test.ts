import { describe, expect, it } from 'vitest';
import { SagaEndError } from '../../../../functions/core/sagas/saga-contract.ts';
import { executionStatusFilter, sagaStatus, sagaStatuses } from '../../../../functions/core/sagas/saga-status.ts';

describe('Function: sagaStatus', () => {
  it.each([
    ['SUCCEEDED', undefined, 'COMPLETED'],
    ['FAILED', SagaEndError.compensated, 'COMPENSATED'],
    ['FAILED', SagaEndError.compensationFailed, 'COMPENSATION_FAILED'],
    ['FAILED', 'States.Runtime', 'FAILED'],
    ['RUNNING', undefined, 'RUNNING'],
    ['PENDING_REDRIVE', undefined, 'RUNNING'],
    ['TIMED_OUT', 'States.Timeout', 'TIMED_OUT'],
    ['ABORTED', undefined, 'ABORTED'],
  ])('maps %s with error %s to %s', (status, error, expected) => {
    expect(sagaStatus(status, error)).toBe(expected);
  });
});

describe('Function: executionStatusFilter', () => {
  it('lists every saga status under the execution status it maps from', () => {
    for (const status of sagaStatuses) {
      const filter = executionStatusFilter(status);
      const error = { COMPENSATED: SagaEndError.compensated, COMPENSATION_FAILED: SagaEndError.compensationFailed }[status as string];
      expect(sagaStatus(filter, error)).toBe(status);
    }
  });
});
