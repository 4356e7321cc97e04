import { describe, expect, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { postroom, postroomJson } from './support/postroom-cli.ts';

describe('postroom sagas', () => {
  it('starts the order example saga, watches it to its end and shows its status', async () => {
    const executionId = uniqueName('cli-order');
    const started = await postroom(['sagas', 'start', 'order', '--input', '{"orderId": "o-1"}', '--id', executionId]);
    expect(started).toEqual({ code: 0, stdout: `${executionId}\n`, stderr: '' });

    const watched = await postroom(['--json', 'sagas', 'watch', 'order', executionId]);
    const status = await postroom(['sagas', 'status', 'order', executionId]);

    expect(watched.code).toBe(0);
    const lines = watched.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.at(-1)).toEqual({ executionId, status: 'COMPLETED' });
    expect(lines.slice(0, -1).filter((step) => step.status === 'succeeded').map((step) => step.step)).toEqual(['inventory', 'payment', 'shipment']);
    expect(status.stdout).toMatch(/^status: +COMPLETED$/m);
    expect(status.stdout).toMatch(/^ {2}shipment action: succeeded$/m);
  });
});
