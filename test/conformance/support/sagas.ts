import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { call } from './client.ts';

/** Thin wrappers over the saga API for scenarios; each asserts the happy-path status it expects. */
export const executionsPath = (saga: string) => `/v1/sagas/${encodeURIComponent(saga)}/executions`;

/** The execution once it has left RUNNING (the order saga's slowest path retries each compensation for a few seconds). */
export async function ended(saga: string, executionId: string): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await call('GET', `${executionsPath(saga)}/${executionId}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    if (response.body.status !== 'RUNNING') return response.body;
    if (Date.now() > deadline) throw new Error(`execution ${executionId} still RUNNING after 60 s: ${JSON.stringify(response.body.steps)}`);
    await sleep(500);
  }
}

/** `"<step> <phase> <status>"` per timeline entry, in order. */
export const timeline = (execution: { steps: Array<{ step: string; phase: string; status: string }> }) =>
  execution.steps.map(({ step, phase, status }) => `${step} ${phase} ${status}`);
