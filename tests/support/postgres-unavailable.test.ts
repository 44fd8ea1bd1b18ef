/**
 * Stands in for the API suite on PostgreSQL (vitest.config.mts) on a machine without
 * PostgreSQL's server binaries, outside CI: the run says why the suite was skipped.
 */
import { describe, it } from 'vitest';
import { postgresAvailability } from './postgres';

const postgres = postgresAvailability();
const reason = postgres.available ? 'PostgreSQL is available: run the api-postgres project' : postgres.reason;
console.warn(`[api-postgres] Skipping the API suite on PostgreSQL: ${reason}`);

describe('API suite on PostgreSQL', () => {
  it.skip(`skipped: ${reason}`, () => {});
});
