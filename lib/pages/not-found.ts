import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';

/**
 * For pages: what a lib/ read returns, or the not-found page where the read throws the API's
 * 404 (an object that does not exist, or lies beyond the caller's reach, which answers the same).
 */
export async function foundOrNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}
