import { z } from 'zod';
import { permissionRoles } from '@/db/schema';
import { idParam } from '@/lib/api/id-param';
import { emailSchema, passwordSchema, USER_ROLES, userCreateSchema, userUpdateSchema, type UserUpdateInput } from '@/lib/users/schemas';
import { ACCOUNT_STATUSES, isoDateFromSolvexia, isSolvexiaDate } from './formats';
import { zoneForSolvexiaName } from './timezones';

/**
 * Solvexia's request and response shapes. Each field reuses Gatehouse's own field schema
 * (lib/users/schemas.ts) after converting the value, so lengths, phone numbers, real dates and
 * time zones are checked by the same rules as /api/v1; errors name Solvexia's fields.
 */

const gatehouse = userUpdateSchema.shape;

/** "x is required." for a missing field, "x must be a string." for another type. */
const text = (name: string) => z.string({ error: (issue) => (issue.input === undefined ? `${name} is required.` : `${name} must be a string.`) });

const requiredName = (name: string) => text(name).trim().min(1, `${name} cannot be empty.`).pipe(gatehouse.firstName.unwrap().unwrap());

/** dd/MM/yyyy, as Solvexia's requests send it; stored as YYYY-MM-DD. */
const dateOfBirth = text('dateOfBirth')
  .trim()
  .refine(isSolvexiaDate, 'dateOfBirth must be in the format dd/MM/yyyy, such as 19/09/1999.')
  .transform(isoDateFromSolvexia)
  .pipe(gatehouse.dateOfBirth.unwrap().unwrap());

/** A Windows-style display name such as "(UTC+10:00) Canberra, Melbourne, Sydney", stored as its IANA zone. */
const timezone = text('timezone')
  .transform((name, ctx) => {
    const found = zoneForSolvexiaName(name);
    if ('zone' in found) return found.zone;
    ctx.addIssue({
      code: 'custom',
      message: found.problem === 'no-zone' ? `The time zone "${name}" is obsolete; choose a current one.` : `Unknown time zone "${name}": use a display name such as "(UTC+10:00) Canberra, Melbourne, Sydney".`,
    });
    return z.NEVER;
  })
  .pipe(gatehouse.timezone.unwrap().unwrap());

const userRole = z.enum(USER_ROLES, { message: `userRole must be one of ${USER_ROLES.join(', ')}.` });
const accountStatus = z
  .enum(Object.keys(ACCOUNT_STATUSES) as [keyof typeof ACCOUNT_STATUSES], { message: `accountStatus must be one of ${Object.keys(ACCOUNT_STATUSES).join(', ')}.` })
  .transform((status) => ACCOUNT_STATUSES[status]);

const optionalProfile = {
  city: gatehouse.city,
  country: gatehouse.country,
  dateOfBirth: dateOfBirth.nullable().optional(),
  department: gatehouse.department,
  phoneNumberLand: gatehouse.phoneLand,
  phoneNumberMobile: gatehouse.phoneMobile,
};

/** The body of POST /v1/users/{userId}: any of the updatable fields. */
export const solvexiaUserUpdateSchema = z
  .strictObject({
    firstName: gatehouse.firstName,
    lastName: gatehouse.lastName,
    email: emailSchema.optional(),
    accountStatus: accountStatus.optional(),
    ...optionalProfile,
    timezone: timezone.nullable().optional(),
    userRole: userRole.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.')
  .transform(({ accountStatus: status, userRole: role, phoneNumberLand: phoneLand, phoneNumberMobile: phoneMobile, ...same }) => {
    const patch: UserUpdateInput = { ...same, status, role, phoneLand, phoneMobile };
    return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as UserUpdateInput;
  });

/**
 * The body of POST /v1/users: the document's six required fields, and (beyond the document)
 * the optional profile fields an update takes.
 */
export const solvexiaUserCreateSchema = z
  .strictObject({
    email: text('email').pipe(emailSchema),
    firstName: requiredName('firstName'),
    lastName: requiredName('lastName'),
    password: text('password').pipe(passwordSchema),
    userRole: z.enum(USER_ROLES, { error: (issue) => (issue.input === undefined ? 'userRole is required.' : `userRole must be one of ${USER_ROLES.join(', ')}.`) }),
    timezone,
    ...optionalProfile,
  })
  .transform(({ userRole: role, phoneNumberLand: phoneLand, phoneNumberMobile: phoneMobile, ...same }) => {
    const input: z.infer<typeof userCreateSchema> = { ...same, role, phoneLand, phoneMobile };
    return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as z.infer<typeof userCreateSchema>;
  });

export const userParams = z.object({ userId: idParam });
export const permissionParams = z.object({ userId: idParam, resourceId: idParam });

/** The body of POST /v1/users/{userId}/permissions/{resourceId}. */
export const solvexiaPermissionSchema = z.strictObject({
  role: z.enum(permissionRoles, { error: (issue) => (issue.input === undefined ? 'role is required.' : `role must be one of ${permissionRoles.join(', ')}.`) }),
});

/** POST /oauth/token (RFC 6749 §4.4): unknown parameters are ignored, as §3.2 asks. */
export const tokenRequestSchema = z.object({
  grant_type: text('grant_type').min(1, 'grant_type is required.'),
  client_id: text('client_id').max(254, 'client_id is too long.').optional(),
  client_secret: text('client_secret').max(1024, 'client_secret is too long.').optional(),
});

export const solvexiaUserSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  loginName: z.string(),
  email: z.string(),
  accountStatus: z.string(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  /** dd/MM/yyyy, the format requests use. */
  dateOfBirth: z.string().nullable(),
  department: z.string().nullable(),
  /** UTC, in .NET's round-trip format without an offset. */
  lastSignInDate: z.string().nullable(),
  phoneNumberLand: z.string().nullable(),
  phoneNumberMobile: z.string().nullable(),
  timezone: z.string().nullable(),
  userRole: z.string(),
});
export type SolvexiaUser = z.infer<typeof solvexiaUserSchema>;

export const solvexiaUserListItemSchema = solvexiaUserSchema.pick({ id: true, loginName: true });
export type SolvexiaUserListItem = z.infer<typeof solvexiaUserListItemSchema>;

export const solvexiaPermissionResponseSchema = z.object({ resourceId: z.string(), resourceName: z.string(), role: z.enum(permissionRoles) });
export type SolvexiaPermission = z.infer<typeof solvexiaPermissionResponseSchema>;
