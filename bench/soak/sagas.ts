import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakClient } from './soak-client.ts';

/** The `order` example's executions the soak runs, each with the ending its input asks for (README, "The `order` example"). */
const orders = [
  { input: {}, ending: 'COMPLETED' },
  { input: { failAt: 'payment' }, ending: 'COMPENSATED' },
] as const;

export interface SagaOutcome {
  readonly executionId: string;
  readonly expected: string;
  readonly status: string;
}

export async function startSagas(client: SoakClient, prefix: string): Promise<Array<{ executionId: string; expected: string }>> {
  const started = [];
  for (const [index, { input, ending }] of orders.entries()) {
    const executionId = `${prefix}-order-${index}`;
    await client.expect(202, 'POST', '/v1/sagas/order/executions', { input: { orderId: executionId, ...input }, executionId });
    started.push({ executionId, expected: ending });
  }
  return started;
}

/** Each execution's status once it has ended (or RUNNING after `timeoutMs`). */
export async function sagaOutcomes(client: SoakClient, started: ReadonlyArray<{ executionId: string; expected: string }>, timeoutMs: number): Promise<SagaOutcome[]> {
  const deadline = Date.now() + timeoutMs;
  const outcomes: SagaOutcome[] = [];
  for (const { executionId, expected } of started) {
    let status = 'RUNNING';
    while (status === 'RUNNING' && Date.now() < deadline) {
      status = (await client.expect(200, 'GET', `/v1/sagas/order/executions/${executionId}`)).body.status;
      if (status === 'RUNNING') await sleep(1000);
    }
    outcomes.push({ executionId, expected, status });
  }
  return outcomes;
}
