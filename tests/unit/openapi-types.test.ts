import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '@/scripts/openapi-types';

// The typed client and API consumers read the committed types: they must say what the document says.
it('lib/openapi/api-types.d.ts is generated from the current document', async () => {
  const committed = readFileSync(API_TYPES_FILE, 'utf8');
  expect(committed === (await apiTypesSource()), 'lib/openapi/api-types.d.ts is stale: run `npm run openapi:types` and commit it.').toBe(true);
});
