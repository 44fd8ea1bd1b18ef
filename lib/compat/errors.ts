import type { ApiError } from '../api/errors';
import type { ErrorParts } from '../api/door';

/**
 * The vendors' APIs answer invalid input with 400 (none of them uses 422), so the dialects
 * do too; every other status is Gatehouse's own.
 */
export function vendorStatus(error: ApiError): number {
  return error.code === 'validation-failed' ? 400 : error.status;
}

/** A vendor's JSON error body with the headers the error carries (Allow, Retry-After, WWW-Authenticate). */
export function jsonErrorParts(error: ApiError, body: object): ErrorParts {
  return {
    status: vendorStatus(error),
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...error.options.headers },
    body: JSON.stringify(body),
  };
}

/** The message with the fields that failed, for vendors whose error shape has one message only. */
export function messageWithFields(error: ApiError): string {
  const fields = error.options.errors ?? [];
  if (fields.length === 0) return error.detail ?? error.title;
  return `${error.detail ?? error.title} ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`;
}
