import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';

/**
 * For pages: what a lib/ read returns, or the not-found page where the read throws the API's
 * 404 (an object that does not exist, or lies beyond the caller's reach, which answers the same).
 */
export function foundOrNotFound<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}
