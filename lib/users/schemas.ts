import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@/lib/passwords/rules';

/**
 * The user fields as the API and the forms accept them. One schema per purpose, shared by
 * the route handlers, the server actions and the browser forms (so it imports nothing
 * server-only).
 */

/** Solvexia's global roles, the default set. */
export const USER_ROLES = ['Subscriber', 'Designer', 'ClientAdmin', 'SVXAdmin'] as const;
/** Statuses an admin may set. `pending` comes from an invitation, `deleting` from a deletion. */
export const SETTABLE_STATUSES = ['active', 'suspended', 'locked'] as const;
export const USER_STATUSES = ['active', 'pending', 'suspended', 'locked', 'deleting'] as const;

export const MAX_METADATA_BYTES = 16 * 1024;

const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`).nullable().optional();

export function isValidTimezone(value: string): boolean {
  try {
    // Intl accepts every current IANA name (and aliases such as Asia/Calcutta).
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const emailSchema = z.string().trim().max(254, 'Use at most 254 characters.').pipe(z.email('Enter a valid email address.'));
export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a username.')
  .max(254, 'Use at most 254 characters.')
  .regex(/^[^\s\p{C}]+$/u, 'A username cannot contain spaces or control characters.');
export const passwordSchema = z
  .string()
  .min(1, 'Enter a password.')
  // The configured minimum and the rest of the policy are checked by checkPasswordPolicy.
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
export const scopeNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'A scope is 1-64 letters, digits or _ . : - and starts with a letter or digit.');
const scopeListSchema = z
  .array(scopeNameSchema)
  .max(50, 'At most 50 scopes.')
  .transform((scopes) => [...new Set(scopes)]);
const vendorListSchema = z
  .array(z.string().trim().min(1, 'A vendor cannot be empty.').max(100, 'Use at most 100 characters.'))
  .max(50, 'At most 50 vendors.')
  .transform((vendors) => [...new Set(vendors)]);
export const MAX_METADATA_DEPTH = 8;

/** How deep objects and arrays nest in a JSON value, counted without recursion (a hostile value may nest thousands deep). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

export const metadataSchema = z.record(z.string(), z.unknown(), { message: 'Metadata must be a JSON object.' }).superRefine((value, ctx) => {
  // Depth first: measuring the size of a value nested too deep would itself overflow the stack.
  if (jsonDepth(value) > MAX_METADATA_DEPTH) ctx.addIssue({ code: 'custom', message: `Metadata may nest objects and arrays at most ${MAX_METADATA_DEPTH} levels deep.` });
  else if (JSON.stringify(value).length > MAX_METADATA_BYTES) ctx.addIssue({ code: 'custom', message: `Metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON.` });
});

const profileFields = {
  firstName: optionalText(100),
  lastName: optionalText(100),
  role: z.enum(USER_ROLES, { message: `Role must be one of ${USER_ROLES.join(', ')}.` }).optional(),
  scope: scopeListSchema.optional(),
  vendor: vendorListSchema.optional(),
  plan: z.string().trim().min(1, 'Enter a plan.').max(64, 'Use at most 64 characters.').optional(),
  metadata: metadataSchema.optional(),
  city: optionalText(100),
  country: optionalText(100),
  department: optionalText(100),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD.')
    .refine(isRealDate, 'This date does not exist.')
    .refine((value) => value <= new Date().toISOString().slice(0, 10), 'The date of birth cannot be in the future.')
    .nullable()
    .optional(),
  phoneLand: z.string().trim().regex(/^\+?[0-9 ()\-.]{3,32}$/, 'Enter a phone number (digits, spaces, + ( ) - .).').nullable().optional(),
  phoneMobile: z.string().trim().regex(/^\+?[0-9 ()\-.]{3,32}$/, 'Enter a phone number (digits, spaces, + ( ) - .).').nullable().optional(),
  timezone: z.string().trim().refine(isValidTimezone, 'Use an IANA time zone name such as Europe/Paris.').nullable().optional(),
};

/** POST /api/v1/users and the "New user" form. Without a password the user is invited. */
export const userCreateSchema = z.strictObject({
  email: emailSchema,
  username: usernameSchema.optional(),
  password: passwordSchema.optional(),
  /** Without a password: whether to mail the invitation now (default) or leave it to a later resend. */
  sendInvite: z.boolean({ message: 'sendInvite must be true or false.' }).optional(),
  /** A tenant (id or slug) the new user joins as a member; required from a tenant admin. */
  tenant: z.string().trim().min(1, 'Enter a tenant id or slug.').max(64).optional(),
  ...profileFields,
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

/** Fields only an admin may set when creating a user; self sign-up may not choose them. */
export const ADMIN_ONLY_CREATE_FIELDS = ['role', 'scope', 'vendor', 'plan'] as const;

/** PATCH /api/v1/users/:id and the edit form: any subset of the fields. */
export const userUpdateSchema = z
  .strictObject({
    email: emailSchema.optional(),
    username: usernameSchema.optional(),
    status: z.enum(SETTABLE_STATUSES, { message: `Status must be one of ${SETTABLE_STATUSES.join(', ')}.` }).optional(),
    ...profileFields,
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

/** PATCH /api/v1/me: what a user may change about themselves. */
export const ownProfileUpdateSchema = z
  .strictObject({
    firstName: profileFields.firstName,
    lastName: profileFields.lastName,
    city: profileFields.city,
    country: profileFields.country,
    department: profileFields.department,
    dateOfBirth: profileFields.dateOfBirth,
    phoneLand: profileFields.phoneLand,
    phoneMobile: profileFields.phoneMobile,
    timezone: profileFields.timezone,
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');

// ----- Listing -----

export const USER_SORT_FIELDS = ['created', 'email', 'username', 'lastName', 'lastSignIn'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export const USER_FILTER_FIELDS = ['scope', 'status', 'role', 'tenant', 'plan', 'vendor', 'created'] as const;
export const MAX_PATTERN_LENGTH = 128;
export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 100;

const repeatable = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));

const userListQueryFields = z.strictObject({
    pattern: z
      .string()
      .trim()
      .max(MAX_PATTERN_LENGTH, `The pattern must be at most ${MAX_PATTERN_LENGTH} characters.`)
      .regex(/^[^\p{Cc}]*$/u, 'The pattern cannot contain control characters.')
      .optional()
      .meta({ description: 'A part of the email, username, first or last name, any case; every character literal.', example: 'ann' }),
    filter: repeatable.optional().meta({ description: 'Repeatable. `scope:x`, `status:x`, `role:x`, `tenant:slug-or-id`, `plan:x`, `vendor:x`, `created>2026-01-01`, `created<2026-06-30`; one field repeated means either, different fields must all match.', example: 'status:active' }),
    sort: z.string().optional().meta({ description: '`created`, `email`, `username`, `lastName` or `lastSignIn`, then `:1` (ascending) or `:-1`; default `created:-1`.', example: 'lastName:1' }),
    limit: z.coerce
      .number({ message: 'limit must be a number.' })
      .int('limit must be a whole number.')
      .min(1, 'limit must be at least 1.')
      .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}.`)
      .default(DEFAULT_PAGE_SIZE)
      .meta({ description: 'Users a page.' }),
    offset: z.coerce.number({ message: 'offset must be a number.' }).int('offset must be a whole number.').min(0, 'offset cannot be negative.').default(0).meta({ description: 'Users to skip; prefer `cursor` past the first pages.' }),
    cursor: z.string().max(512).optional().meta({ description: 'The previous page’s `nextCursor`: the next page, stable while users are added, as fast deep in the list as at its start.' }),
    includeTotal: z
      .enum(['true', 'false'], { message: 'includeTotal must be true or false.' })
      .default('true')
      .transform((v) => v === 'true')
      .meta({ description: '`false` skips counting.' }),
});

/** GET /api/v1/users and the users table's URL. */
export const userListQuerySchema = userListQueryFields.refine((query) => !(query.cursor && query.offset > 0), {
  message: 'Use either offset or cursor, not both.',
  path: ['cursor'],
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** GET /api/v1/users/count: the same search and filters. */
export const userCountQuerySchema = userListQueryFields.pick({ pattern: true, filter: true });

// ----- Exports -----

export const USER_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type UserExportFormat = (typeof USER_EXPORT_FORMATS)[number];

/** The columns an export may hold: the list's profile fields, with `scopes` and `tenants` (slugs) from the user's relations. */
export const USER_EXPORT_COLUMNS = [
  'id', 'email', 'username', 'firstName', 'lastName', 'role', 'status', 'scopes', 'tenants', 'plan', 'vendor', 'metadata',
  'city', 'country', 'dateOfBirth', 'department', 'phoneLand', 'phoneMobile', 'timezone', 'createdAt', 'updatedAt', 'lastSignInAt', 'version',
] as const;
export type UserExportColumn = (typeof USER_EXPORT_COLUMNS)[number];

/** What an export holds when the caller names no columns: the file the users page always gave. */
export const DEFAULT_USER_EXPORT_COLUMNS = ['id', 'email', 'username', 'firstName', 'lastName', 'role', 'status', 'scopes', 'tenants', 'plan', 'createdAt', 'lastSignInAt'] as const satisfies readonly UserExportColumn[];

const exportColumns = z
  .string()
  .transform((text, context) => {
    const names = text.split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = names.filter((name) => !(USER_EXPORT_COLUMNS as readonly string[]).includes(name));
    if (unknown.length) {
      context.addIssue({ code: 'custom', message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}. Choose from: ${USER_EXPORT_COLUMNS.join(', ')}.` });
      return z.NEVER;
    }
    if (names.length === 0) {
      context.addIssue({ code: 'custom', message: 'Name at least one column.' });
      return z.NEVER;
    }
    return [...new Set(names)] as UserExportColumn[];
  })
  .meta({ description: `Comma-separated, in the order the file gives them: ${USER_EXPORT_COLUMNS.map((name) => `\`${name}\``).join(', ')}. Default: ${DEFAULT_USER_EXPORT_COLUMNS.join(', ')}.`, example: 'email,firstName,lastName,tenants' });

/** GET /api/v1/users/export: the list's search, filters and order, every page, in a format and columns. */
export const userExportQuerySchema = userListQueryFields.pick({ pattern: true, filter: true, sort: true }).extend({
  format: z.enum(USER_EXPORT_FORMATS, { message: 'format must be csv or ndjson.' }).default('csv').meta({ description: '`csv` (UTF-8 with a byte-order mark, a header row) or `ndjson` (one JSON object a line).' }),
  columns: exportColumns.optional(),
});
export type UserExportQuery = z.infer<typeof userExportQuerySchema>;

// ----- Answers -----

/** A point in time as the API answers it: an ISO 8601 string in UTC. */
export const instantSchema = (description: string) => z.iso.datetime().meta({ description, example: '2026-03-14T09:26:53.589Z' });
const nullableText = (description: string, example?: string) => z.string().nullable().meta({ description, ...(example ? { example } : {}) });

/** A user as the API shows them: never a password hash or another secret. */
export const publicUserSchema = z
  .object({
    id: z.string().meta({ description: 'The user’s id, used in every address about them.', example: 'b3d4a9e0-6f1c-4c2e-9a37-2c5d8e1f0a44' }),
    email: z.string().meta({ example: 'ann.lee@example.com' }),
    username: z.string().meta({ description: 'Signs in like the email; unique, compared case-insensitively.', example: 'ann.lee' }),
    firstName: nullableText('First name.', 'Ann'),
    lastName: nullableText('Last name.', 'Lee'),
    status: z.enum(USER_STATUSES).meta({ description: '`pending` until an invitation is accepted; `deleting` while a deletion runs.' }),
    role: z.string().meta({ description: `The global role: one of ${USER_ROLES.join(', ')}.`, example: 'Subscriber' }),
    plan: z.string().meta({ example: 'free' }),
    vendor: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()).meta({ description: 'Free-form JSON the caller stored.' }),
    city: nullableText('City.'),
    country: nullableText('Country.'),
    dateOfBirth: nullableText('YYYY-MM-DD.'),
    department: nullableText('Department.'),
    phoneLand: nullableText('Landline number.'),
    phoneMobile: nullableText('Mobile number.'),
    timezone: nullableText('IANA time zone name.', 'Europe/Paris'),
    lastSignInAt: instantSchema('The last successful sign-in.').nullable(),
    createdAt: instantSchema('When the account was created.'),
    updatedAt: instantSchema('The last change.'),
    version: z.int().meta({ description: 'Grows with each change; the ETag carries it for If-Match.', example: 3 }),
    scope: z.array(z.string()).meta({ description: 'The scopes held; `admin` makes a system admin.', example: ['user'] }),
  })
  .meta({ id: 'User' });

export const userTenantSchema = z.object({
  id: z.string(),
  slug: z.string().meta({ example: 'acme' }),
  name: z.string().meta({ example: 'Acme Corp' }),
  role: z.enum(['admin', 'user']).meta({ description: 'The user’s role in this tenant.' }),
});

/** A user with the tenants they belong to: the list's rows and GET /users/:id. */
export const userListItemSchema = publicUserSchema.extend({ tenants: z.array(userTenantSchema) }).meta({ id: 'UserWithTenants' });

export const userPageSchema = z
  .object({
    items: z.array(userListItemSchema),
    total: z.int().nullable().meta({ description: 'How many users match; null with `includeTotal=false`. An estimate when `totalExact` is false.' }),
    totalExact: z.boolean().nullable().meta({ description: 'False when counting took too long and `total` is an estimate; GET /api/v1/users/count gives the exact number.' }),
    limit: z.int(),
    offset: z.int(),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'UserPage' });

/** An answer whose news is a sentence for people: a mail was sent, a password was set. */
export const messageSchema = z
  .object({ message: z.string().meta({ description: 'What happened, for people.' }) })
  .meta({ id: 'Message', example: { message: 'A reset link was mailed to the user.' } });

/** A new API token, with the user it belongs to. */
export const signedInSchema = z
  .object({
    user: publicUserSchema,
    token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`. Shown once; Gatehouse keeps only its hash.', example: 'gh_3QJmV0b1xYl9c2hUeGk4UkZ0b0FxS2dWbUpyR3E' }),
    expiresAt: instantSchema('When the token stops working.'),
  })
  .meta({ id: 'SignedIn' });
