import { describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { postroom, postroomJson } from './support/postroom-cli.ts';

describe('postroom sagas', () => {
  it('starts the order example saga, watches it to its end and shows its status', async () => {
    const executionId = uniqueName('cli-order');
    const started = await postroom(['sagas', 'start', 'order', '--input', '{"orderId": "o-1"}', '--id', executionId]);
    expect(started).toMatchObject({ code: 0, stdout: `${executionId}\n` });

    const watched = await postroom(['--json', 'sagas', 'watch', 'order', executionId]);

    expect(watched.code).toBe(0);
    const lines = watched.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.at(-1)).toEqual({ executionId, status: 'COMPLETED' });
    const status = await postroomJson(['sagas', 'status', 'order', executionId]);
    expect(status).toMatchObject({ executionId, saga: 'order', status: 'COMPLETED' });
    expect(status.steps.map((step: { step: string; status: string }) => `${step.step} ${step.status}`)).toEqual(['inventory succeeded', 'payment succeeded', 'shipment succeeded']);
    expect((await postroomJson(['sagas', 'ls'])).sagas.map((saga: { name: string }) => saga.name)).toEqual(expect.arrayContaining(['order', 'trip']));
  });
});
