import { badRequest, type SortSpec } from './sort-and-filters';

/** A keyset cursor: the sort it belongs to and the last row's (sort value, pk), as opaque base64url. */

/** The sort a cursor belongs to: the users list's (SortSpec) or another keyset list's (the audit trail's). */
type CursorSort = Pick<SortSpec, 'direction'> & { field: string };

export type CursorPosition = { value: string | number; pk: number };

export function encodeCursor(sort: CursorSort, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([sort.field, sort.direction, position.value, position.pk])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: CursorSort): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor', 'The cursor is not valid. Use the nextCursor of a previous page.');
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || !['string', 'number'].includes(typeof decoded[2]) || !Number.isSafeInteger(decoded[3])) {
    throw badRequest('cursor', 'The cursor is not valid. Use the nextCursor of a previous page.');
  }
  if (decoded[0] !== sort.field || decoded[1] !== sort.direction) {
    throw badRequest('cursor', 'The cursor belongs to another sort order. Send the same sort as the page it came from.');
  }
  return { value: decoded[2], pk: decoded[3] };
}
