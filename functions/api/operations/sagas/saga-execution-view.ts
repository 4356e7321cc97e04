import type { SagaStatus } from '../../../core/sagas/saga-contract.ts';

/** What describe and list say of every execution. */
export function executionSummary(
  execution: { readonly name?: string; readonly startDate?: Date; readonly stopDate?: Date },
  status: SagaStatus,
): { executionId: string; status: SagaStatus; startedAt: string; endedAt?: string } {
  return {
    executionId: execution.name ?? '',
    status,
    startedAt: (execution.startDate ?? new Date(0)).toISOString(),
    ...(execution.stopDate && { endedAt: execution.stopDate.toISOString() }),
  };
}
