import { describe, expect, it } from 'vitest';
import { logStreamName, parseStoreName, parseStreamId } from '../../../functions/core/event-store/names.ts';
import { declareStoreBodySchema, storeSettingDifferences } from '../../../functions/core/event-store/store-settings.ts';
import { InvalidEventStoreNameError, InvalidStreamIdError } from '../../../functions/core/problems/index.ts';
import { parseStreamName } from '../../../functions/core/streams/names.ts';
import { parseRequest } from '../../../functions/core/validation.ts';

describe('store settings', () => {
  it('default to 4 partitions and no snapshot policy', () => {
    expect(parseRequest(declareStoreBodySchema, {}, 'request body')).toEqual({ partitions: 4 });
  });

  it('list each setting a redeclaration changes, an unset one as null', () => {
    expect(storeSettingDifferences({ partitions: 2, snapshotEvery: 10 }, { partitions: 2, snapshotEvery: 10 })).toEqual([]);
    expect(storeSettingDifferences({ partitions: 2 }, { partitions: 3, snapshotEvery: 10 })).toEqual([
      { setting: 'partitions', existing: 2, requested: 3 },
      { setting: 'snapshotEvery', existing: null, requested: 10 },
    ]);
  });
});

describe('names', () => {
  it("gives the longest store name a log whose name is a valid stream name", () => {
    const store = parseStoreName('s'.repeat(200));
    expect(parseStreamName(logStreamName(store))).toBe(`${store}.events`);
  });

  it.each(['', '.', '..', 'a/b', 'a#b', 's'.repeat(201)])('refuses the store name %j', (name) => {
    expect(() => parseStoreName(name)).toThrow(InvalidEventStoreNameError);
  });

  it.each(['', 'a#b', 'a b', 'x'.repeat(201)])('refuses the stream id %j (no "#": it joins key parts)', (id) => {
    expect(() => parseStreamId(id)).toThrow(InvalidStreamIdError);
  });
});
