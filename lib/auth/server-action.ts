import { forbidden, notFound } from 'next/navigation';
import type { Operation } from '../access';
import { ApiError } from '../api/errors';
import type { Principal } from './principal';
import { requireOperation } from './session';

/**
 * The one wrapper for server actions, as apiRoute is for API routes: the access matrix decides
 * whether the caller may attempt the operation (sign-in redirect or 403 if not), then the work
 * runs. lib/'s "not found" and "forbidden" become Next's 404 and 403, so another tenant's
 * objects answer an action exactly as unknown ids do. Other errors are the work's to handle.
 */
export async function withOperation<T>(operation: Operation, work: (principal: Principal) => Promise<T>): Promise<T> {
  const principal = await requireOperation(operation);
  try {
    return await work(principal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    if (error instanceof ApiError && error.status === 403) forbidden();
    throw error;
  }
}
