import type { User } from '@/db/schema';
import { ApiError } from '../../api/errors';
import type { UserPermission } from '@/lib/permissions/grants';
import type { SolvexiaPermission, SolvexiaUser } from './schemas';
import { ACCOUNT_STATUS_OF, solvexiaDateFromIso, solvexiaDateTime } from './formats';
import { solvexiaNameForZone } from './timezones';

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
