import { z } from 'zod';
import { permissionRoles } from '@/db/schema';
import { idParam } from '@/lib/api/id-param';
import { emailSchema, passwordSchema, USER_ROLES, userCreateSchema, userUpdateSchema, type UserUpdateInput } from '@/lib/users/schemas';
import { ACCOUNT_STATUS_OF, ACCOUNT_STATUSES, isoDateFromSolvexia, isSolvexiaDate, SOLVEXIA_DATE, SOLVEXIA_DATE_TIME } from './formats';
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
  .pipe(gatehouse.dateOfBirth.unwrap().unwrap())
  .meta({ description: 'dd/MM/yyyy, not in the future.', example: '19/09/1999' });

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
  .pipe(gatehouse.timezone.unwrap().unwrap())
  .meta({ description: 'A Windows-style display name, compared without case, or an IANA zone name.', example: '(UTC+10:00) Canberra, Melbourne, Sydney' });

const userRole = z.enum(USER_ROLES, { message: `userRole must be one of ${USER_ROLES.join(', ')}.` });
const accountStatus = z
  .enum(Object.keys(ACCOUNT_STATUSES) as [keyof typeof ACCOUNT_STATUSES], { message: `accountStatus must be one of ${Object.keys(ACCOUNT_STATUSES).join(', ')}.` })
  .transform((status) => ACCOUNT_STATUSES[status])
  .meta({ description: 'Suspending or locking ends the user’s sessions and tokens.' });

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

const userId = idParam.meta({ description: 'The user’s Gatehouse id.', example: 'usr_Yk9uRmQ1bWh0c0x3' });
export const userParams = z.object({ userId });
export const permissionParams = z.object({ userId, resourceId: idParam.meta({ description: 'The resource’s id.', example: 'res_Q2hUeGk4UkZ0' }) });

/** The body of POST /v1/users/{userId}/permissions/{resourceId}. */
export const solvexiaPermissionSchema = z.strictObject({
  role: z.enum(permissionRoles, { error: (issue) => (issue.input === undefined ? 'role is required.' : `role must be one of ${permissionRoles.join(', ')}.`) }),
});

/** POST /oauth/token (RFC 6749 §4.4): unknown parameters are ignored, as §3.2 asks. */
export const tokenRequestSchema = z.object({
  grant_type: text('grant_type').min(1, 'grant_type is required.').meta({ description: '`client_credentials`, the one grant served.', example: 'client_credentials' }),
  client_id: text('client_id').max(254, 'client_id is too long.').optional().meta({ description: 'A user’s id, email or login name. Needed here unless sent with HTTP Basic.' }),
  client_secret: text('client_secret').max(1024, 'client_secret is too long.').optional().meta({ description: 'That user’s access key or password. Needed here unless sent with HTTP Basic.' }),
});

const nullableText = (description: string, example?: string) => z.string().nullable().meta({ description, ...(example ? { example } : {}) });

/** A user as every user call answers one. */
export const solvexiaUserSchema = z
  .object({
    id: z.string().meta({ description: 'The Gatehouse user id, the `{userId}` of the other calls.', example: 'usr_Yk9uRmQ1bWh0c0x3' }),
    firstName: nullableText('First name.', 'Mona'),
    lastName: nullableText('Last name.', 'Benson'),
    loginName: z.string().meta({ description: 'The Gatehouse username (by default the email).', example: 'mona.benson@sample.com' }),
    email: z.string().meta({ example: 'mona.benson@sample.com' }),
    accountStatus: z.enum(Object.values(ACCOUNT_STATUS_OF)).meta({
      description: '`Active`, `Suspended` or `Locked`, which an update can set; `Pending` (invited, no password chosen yet) and `Deleting` (a deletion is running) only show.',
    }),
    city: nullableText('City.', 'Sydney'),
    country: nullableText('Country.', 'Australia'),
    dateOfBirth: z.string().regex(SOLVEXIA_DATE).nullable().meta({ description: 'dd/MM/yyyy, the format requests use.', example: '19/09/1999' }),
    department: nullableText('Department.'),
    lastSignInDate: z.string().regex(SOLVEXIA_DATE_TIME).nullable().meta({ description: 'The last sign-in, in UTC, in .NET’s round-trip format without an offset; null before the first.', example: '2011-03-14T14:56:00.0000000' }),
    phoneNumberLand: nullableText('Landline number.'),
    phoneNumberMobile: nullableText('Mobile number.'),
    timezone: nullableText('A Windows-style display name; the IANA name for a zone no display name covers.', '(UTC+10:00) Canberra, Melbourne, Sydney'),
    userRole: z.string().meta({ description: `The global role: one of ${USER_ROLES.join(', ')}.`, example: 'Designer' }),
  })
  .meta({ id: 'SolvexiaUser' });
export type SolvexiaUser = z.infer<typeof solvexiaUserSchema>;

export const solvexiaUserListItemSchema = solvexiaUserSchema.pick({ id: true, loginName: true }).meta({ id: 'SolvexiaUserListItem' });
export type SolvexiaUserListItem = z.infer<typeof solvexiaUserListItemSchema>;

export const solvexiaPermissionResponseSchema = z
  .object({
    resourceId: z.string().meta({ example: 'res_Q2hUeGk4UkZ0' }),
    resourceName: z.string().meta({ example: 'Sales reconciliation' }),
    role: z.enum(permissionRoles).meta({ description: 'The role the user holds on the resource.' }),
  })
  .meta({ id: 'SolvexiaPermission' });
export type SolvexiaPermission = z.infer<typeof solvexiaPermissionResponseSchema>;

/** The answer of POST /oauth/token (RFC 6749 §5.1). */
export const solvexiaTokenSchema = z
  .object({
    access_token: z.string().meta({ description: 'Send as `Authorization: Bearer <access_token>`. An ordinary Gatehouse API token: it works on /api/v1 too.' }),
    token_type: z.literal('Bearer'),
    expires_in: z.int().min(0).meta({ description: 'Seconds the token stays valid.', example: 2592000 }),
  })
  .meta({ id: 'SolvexiaToken' });
