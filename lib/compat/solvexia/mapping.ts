import type { User } from '@/db/schema';
import { ApiError } from '../../api/errors';
import type { UserPermission } from '../../permissions';
import type { SETTABLE_STATUSES } from '../../schemas/users';
import type { SolvexiaPermission, SolvexiaUser } from './schemas';
import { solvexiaNameForZone } from './timezones';

/** Solvexia's account statuses and the Gatehouse statuses they set. */
export const ACCOUNT_STATUSES = { Active: 'active', Suspended: 'suspended', Locked: 'locked' } as const satisfies Record<string, (typeof SETTABLE_STATUSES)[number]>;

/**
 * How each Gatehouse status shows. Solvexia has no word for an invited user who has not chosen
 * a password yet, nor for one being deleted: they show as `Pending` and `Deleting` rather than
 * as a status they are not (an "Active" user who cannot sign in, or a "Suspended" one whom
 * setting Active would not revive).
 */
const ACCOUNT_STATUS_OF: Record<User['status'], string> = {
  active: 'Active',
  suspended: 'Suspended',
  locked: 'Locked',
  pending: 'Pending',
  deleting: 'Deleting',
};

const SOLVEXIA_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
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

export function toSolvexiaUser(user: User): SolvexiaUser {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    loginName: user.username,
    email: user.email,
    accountStatus: ACCOUNT_STATUS_OF[user.status],
    city: user.city,
    country: user.country,
    dateOfBirth: user.dateOfBirth === null ? null : solvexiaDateFromIso(user.dateOfBirth),
    department: user.department,
    lastSignInDate: user.lastSignInAt ? solvexiaDateTime(user.lastSignInAt) : null,
    phoneNumberLand: user.phoneLand,
    phoneNumberMobile: user.phoneMobile,
    timezone: user.timezone === null ? null : solvexiaNameForZone(user.timezone),
    userRole: user.role,
  };
}

export function toSolvexiaPermission(permission: Pick<UserPermission, 'resourceId' | 'resourceName' | 'role'>): SolvexiaPermission {
  return { resourceId: permission.resourceId, resourceName: permission.resourceName, role: permission.role };
}

/** Gatehouse's field names -> Solvexia's, for the fields the two name differently. */
const SOLVEXIA_FIELD_NAMES: Record<string, string> = {
  status: 'accountStatus',
  role: 'userRole',
  username: 'loginName',
  phoneLand: 'phoneNumberLand',
  phoneMobile: 'phoneNumberMobile',
};

/** Runs a user call; an error naming Gatehouse's fields (a taken username, a refused role) names Solvexia's instead. */
export async function inSolvexiaFieldNames<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError) || !error.options.errors) throw error;
    const errors = error.options.errors.map((field) => ({ ...field, path: SOLVEXIA_FIELD_NAMES[field.path] ?? field.path }));
    throw new ApiError(error.code, error.detail, { ...error.options, errors });
  }
}
