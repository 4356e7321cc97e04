import { describe, expect, it } from 'vitest';
import { recordsToRetry } from '../../../local/event-sources/batch-item-failures.ts';

const ids = ['m1', 'm2', 'm3'];
const retry = (response: unknown) => [...recordsToRetry(response, ids)].sort();

describe('recordsToRetry', () => {
  it.each([[null], [undefined], [{}], [{ batchItemFailures: null }], [{ batchItemFailures: [] }]])('treats %j as a full success', (response) => {
    expect(retry(response)).toEqual([]);
  });

  it('retries only the reported records', () => {
    expect(retry({ batchItemFailures: [{ itemIdentifier: 'm3' }, { itemIdentifier: 'm1' }] })).toEqual(['m1', 'm3']);
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: '' }] }],
    [{ batchItemFailures: [{ itemIdentifier: null }] }],
    [{ batchItemFailures: [{}] }],
    [{ batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }],
    [{ batchItemFailures: [{ itemIdentifier: 'm1' }, null] }],
    [{ batchItemFailures: 'm1' }],
    ['ok'],
    [[]],
  ])('fails the whole batch for %j', (response) => {
    expect(retry(response)).toEqual(ids);
  });
});
