import type { User } from '@/db/schema';
import type { SETTABLE_STATUSES } from '@/lib/users/schemas';

/** Solvexia's value formats, read by its schemas and written by its mapping. */

/** Solvexia's account statuses and the Gatehouse statuses they set. */
export const ACCOUNT_STATUSES = { Active: 'active', Suspended: 'suspended', Locked: 'locked' } as const satisfies Record<string, (typeof SETTABLE_STATUSES)[number]>;

/**
 * How each Gatehouse status shows. Solvexia has no word for an invited user who has not chosen
 * a password yet, nor for one being deleted: they show as `Pending` and `Deleting` rather than
 * as a status they are not (an "Active" user who cannot sign in, or a "Suspended" one whom
 * setting Active would not revive).
 */
export const ACCOUNT_STATUS_OF = {
  active: 'Active',
  suspended: 'Suspended',
  locked: 'Locked',
  pending: 'Pending',
  deleting: 'Deleting',
} as const satisfies Record<User['status'], string>;

/** dd/MM/yyyy. */
export const SOLVEXIA_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `19/09/1999` -> `1999-09-19` (as Gatehouse stores dates of birth); anything else unchanged, for the date check to refuse. */
export function isoDateFromSolvexia(value: string): string {
  const match = SOLVEXIA_DATE.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

export function isSolvexiaDate(value: string): boolean {
  return SOLVEXIA_DATE.test(value);
}

/** `1999-09-19` -> `19/09/1999`, the format Solvexia's requests use. */
export function solvexiaDateFromIso(value: string): string {
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** .NET's round-trip format without an offset, as printed (`2011-03-14T14:56:00.0000000`), in UTC. */
export function solvexiaDateTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000');
}

/** What solvexiaDateTime writes. */
export const SOLVEXIA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/;
