import { z } from 'zod';
import { metadataSchema, SETTABLE_STATUSES, USER_ROLES, userCreateSchema, userUpdateSchema } from '@/lib/users/schemas';
import type { PublicUser } from '@/lib/users/users';
import { parseClientJson } from '@/lib/http/json';

/**
 * The user forms' values and their validation. The inputs hold text (metadata as JSON text,
 * blanks as ''); these schemas turn that into the API's shape and then validate it with the
 * API's own schemas, so the browser and the server apply the same rules.
 */

const userFormFieldsSchema = z.object({
  email: z.string(),
  username: z.string(),
  password: z.string(),
  /** New-user form only: with the password left empty, whether to mail the invitation now. */
  sendInvite: z.boolean().optional(),
  /** New-user form only: the slug of the tenant the user joins, '' for none. */
  tenant: z.string().optional(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(USER_ROLES),
  /** '' leaves the status as it is (a pending or deleting user's status is not the admin's to pick). */
  status: z.enum([...SETTABLE_STATUSES, '']),
  scope: z.array(z.string()),
  vendor: z.array(z.string()),
  plan: z.string(),
  metadata: z.string(),
  city: z.string(),
  country: z.string(),
  department: z.string(),
  dateOfBirth: z.string(),
  phoneLand: z.string(),
  phoneMobile: z.string(),
  timezone: z.string(),
});

export type UserFormValues = z.input<typeof userFormFieldsSchema>;
export type UserFormField = keyof UserFormValues;

/** Metadata typed as JSON; blank is an empty object. Whether it is an acceptable object is metadataSchema's call. */
const metadataTextSchema = z
  .string()
  .transform((text, ctx) => {
    if (!text.trim()) return {};
    try {
      return parseClientJson(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `This is not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(metadataSchema);

/** The profile fields, with a blank input as `blank`: left out when creating, cleared (null) when editing. */
function profileInput(values: UserFormValues, blank: null | undefined) {
  const orBlank = (value: string) => (value.trim() === '' ? blank : value);
  return {
    firstName: orBlank(values.firstName),
    lastName: orBlank(values.lastName),
    role: values.role,
    scope: values.scope,
    vendor: values.vendor,
    metadata: values.metadata,
    city: orBlank(values.city),
    country: orBlank(values.country),
    department: orBlank(values.department),
    dateOfBirth: orBlank(values.dateOfBirth),
    phoneLand: orBlank(values.phoneLand),
    phoneMobile: orBlank(values.phoneMobile),
    timezone: orBlank(values.timezone),
  };
}

const newUserInputSchema = userCreateSchema.extend({ metadata: metadataTextSchema });
// The update schema's own fields; its "at least one field" rule does not apply, a form sends them all.
const editUserInputSchema = z.strictObject({ ...userUpdateSchema.shape, metadata: metadataTextSchema });

export const newUserFormSchema = userFormFieldsSchema
  .transform(
    (values): z.input<typeof newUserInputSchema> => ({
      email: values.email,
      username: values.username.trim() || undefined,
      // No password: the user is created pending, and invited unless the box was unticked.
      password: values.password || undefined,
      sendInvite: values.password ? undefined : values.sendInvite,
      tenant: values.tenant || undefined,
      plan: values.plan.trim() || undefined,
      ...profileInput(values, undefined),
    }),
  )
  .pipe(newUserInputSchema);

export const editUserFormSchema = userFormFieldsSchema
  .transform(
    (values): z.input<typeof editUserInputSchema> => ({
      email: values.email,
      username: values.username,
      status: values.status || undefined,
      plan: values.plan,
      ...profileInput(values, null),
    }),
  )
  .pipe(editUserInputSchema);

export const USER_FORM_LABELS: Record<UserFormField, string> = {
  email: 'Email',
  username: 'Username',
  password: 'Password',
  sendInvite: 'Send an invitation',
  tenant: 'Tenant',
  firstName: 'First name',
  lastName: 'Last name',
  role: 'Role',
  status: 'Status',
  scope: 'Scopes',
  vendor: 'Vendors',
  plan: 'Plan',
  metadata: 'Metadata (JSON)',
  city: 'City',
  country: 'Country',
  department: 'Department',
  dateOfBirth: 'Date of birth',
  phoneLand: 'Landline phone',
  phoneMobile: 'Mobile phone',
  timezone: 'Time zone',
};

export const USER_FORM_FIELDS = Object.keys(USER_FORM_LABELS) as UserFormField[];

export function newUserFormValues(defaults: Pick<UserFormValues, 'role' | 'plan' | 'scope' | 'tenant'>): UserFormValues {
  return {
    email: '',
    username: '',
    password: '',
    sendInvite: true,
    firstName: '',
    lastName: '',
    status: '',
    vendor: [],
    metadata: '',
    city: '',
    country: '',
    department: '',
    dateOfBirth: '',
    phoneLand: '',
    phoneMobile: '',
    timezone: '',
    ...defaults,
  };
}

export function userFormValues(user: PublicUser): UserFormValues {
  return {
    email: user.email,
    username: user.username,
    password: '',
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    // Roles are only ever set through the user schemas, so a stored role is one of USER_ROLES.
    role: user.role as UserFormValues['role'],
    status: (SETTABLE_STATUSES as readonly string[]).includes(user.status) ? (user.status as UserFormValues['status']) : '',
    scope: user.scope,
    vendor: user.vendor,
    plan: user.plan,
    metadata: JSON.stringify(user.metadata, null, 2),
    city: user.city ?? '',
    country: user.country ?? '',
    department: user.department ?? '',
    dateOfBirth: user.dateOfBirth ?? '',
    phoneLand: user.phoneLand ?? '',
    phoneMobile: user.phoneMobile ?? '',
    timezone: user.timezone ?? '',
  };
}

/** Fields only a system admin sets; a tenant admin's form shows them read-only (see lib/auth/sign-up.ts, lib/access/tenant-scope.ts). */
export type AdminOnlyFormField = 'role' | 'scope' | 'vendor' | 'plan';

/** The form's output without the read-only fields, which the server would refuse from this caller. */
export function withoutFields<T extends object>(output: T, fields: readonly AdminOnlyFormField[]): Omit<T, AdminOnlyFormField> & Partial<T> {
  return Object.fromEntries(Object.entries(output).filter(([field]) => !(fields as readonly string[]).includes(field))) as Omit<T, AdminOnlyFormField> & Partial<T>;
}

/** A field's value as one line of text, to compare two versions of a user side by side. */
export function formValueText(field: UserFormField, values: UserFormValues): string {
  const value = values[field];
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value !== 'string') return value ? 'yes' : 'no';
  if (field === 'metadata') {
    try {
      return JSON.stringify(JSON.parse(value || '{}'));
    } catch {
      return value;
    }
  }
  return value.trim();
}

/** The fields where two versions of the form differ (the password, never shown, is left out). */
export function differingFields(a: UserFormValues, b: UserFormValues): UserFormField[] {
  return (Object.keys(USER_FORM_LABELS) as UserFormField[]).filter((field) => field !== 'password' && formValueText(field, a) !== formValueText(field, b));
}
