import { SagaEndError, type SagaStatus } from './saga-contract.ts';

/** Step Functions' execution statuses (ListExecutions / DescribeExecution). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** Every status the API reports, for validating `?status=`. */
export const sagaStatuses = ['RUNNING', 'COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED', 'TIMED_OUT', 'ABORTED', 'FAILED'] as const satisfies readonly SagaStatus[];

/**
 * A saga's status from its execution's: a FAILED execution is told apart by the error of the Fail
 * state it ended in. Any other error means the state machine failed outside the saga's own states
 * (e.g. States.Runtime on a bad path): reported as FAILED. PENDING_REDRIVE is still running.
 */
export function sagaStatus(status: string, error: string | undefined): SagaStatus {
  switch (status) {
    case 'SUCCEEDED':
      return 'COMPLETED';
    case 'FAILED':
      if (error === SagaEndError.compensated) return 'COMPENSATED';
      if (error === SagaEndError.compensationFailed) return 'COMPENSATION_FAILED';
      return 'FAILED';
    case 'TIMED_OUT':
      return 'TIMED_OUT';
    case 'ABORTED':
      return 'ABORTED';
    default:
      return 'RUNNING';
  }
}

/**
 * The ListExecutions statusFilter that finds the executions of a saga status. The failed endings
 * share FAILED: telling them apart takes each one's error (DescribeExecution).
 */
export function executionStatusFilter(status: SagaStatus): Exclude<ExecutionStatus, 'PENDING_REDRIVE'> {
  switch (status) {
    case 'COMPLETED':
      return 'SUCCEEDED';
    case 'COMPENSATED':
    case 'COMPENSATION_FAILED':
      return 'FAILED';
    default:
      return status;
  }
}
