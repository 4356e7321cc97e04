import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientTypes, clientTypesPath } from '../../../scripts/generate-client-types.ts';

describe('client/api-types.ts', () => {
  it('is what `npm run generate:client` makes of the current API document (run it after changing the API)', async () => {
    expect(readFileSync(clientTypesPath, 'utf8') === (await clientTypes()), 'client/api-types.ts is stale: run npm run generate:client').toBe(true);
  });
});
