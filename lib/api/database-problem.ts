import { isDatabaseUnavailable } from '@/db/client';
import { ApiError } from './errors';

/**
 * A database that cannot be reached answers 503, not 500: nothing was half written (the
 * transaction that failed rolled back) and the pool reconnects by itself when it returns.
 * Server-side only, unlike lib/api/problem.ts, which pages share.
 */
export function databaseUnavailableAsProblem(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  console.error(`[gatehouse] Database unavailable: ${(error as Error).message}`);
  return new ApiError('service-unavailable', 'The database cannot be reached right now. Try again in a few seconds.', { headers: { 'retry-after': '5' } });
}
