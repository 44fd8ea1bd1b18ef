import { z } from 'zod';
import { membershipRoles, type UserStatus } from '@/db/schema';
import { normalizeIdentifier } from '@/lib/users/users';
import { userCreateSchema, type UserCreateInput } from '@/lib/users/schemas';
import { recognizeImportedHash } from '@/lib/passwords/imported-hashes';
import { checkPasswordPolicy } from '@/lib/passwords/hashing';
import type { PasswordPolicy } from '@/lib/passwords/rules';
import type { RawRecord } from './parse';

/**
 * What a row of an import file says, checked on its own: the same zod schema as a single
 * create, the password policy, the imported-hash forms, known tenants and roles. What depends
 * on the directory (is the email taken, is the user being deleted) is lib/imports/plan.ts's.
 */

export type ImportRowOutcome = 'created' | 'updated' | 'unchanged' | 'error';
export type ImportFieldError = { field: string; message: string };

/** The columns an import understands, by their lower-cased header; the value is the field's name in the report. */
const IMPORT_COLUMNS = {
  email: 'email',
  username: 'username',
  firstname: 'firstName',
  lastname: 'lastName',
  role: 'role',
  plan: 'plan',
  city: 'city',
  country: 'country',
  dateofbirth: 'dateOfBirth',
  department: 'department',
  phoneland: 'phoneLand',
  phonemobile: 'phoneMobile',
  timezone: 'timezone',
  metadata: 'metadata',
  vendor: 'vendor',
  scopes: 'scopes',
  scope: 'scopes',
  tenants: 'tenants',
  status: 'status',
  password: 'password',
  passwordhash: 'passwordHash',
} as const;
export type ImportField = (typeof IMPORT_COLUMNS)[keyof typeof IMPORT_COLUMNS];
export const IMPORT_FIELDS = [...new Set(Object.values(IMPORT_COLUMNS))];

/** Statuses a row may ask for; a new user with no password or hash is `pending` (invited). */
export const IMPORT_STATUSES = ['active', 'suspended'] as const;

const PROFILE_FIELDS = ['firstName', 'lastName', 'role', 'plan', 'city', 'country', 'dateOfBirth', 'department', 'phoneLand', 'phoneMobile', 'timezone', 'metadata', 'vendor'] as const;
export type ImportProfile = Pick<UserCreateInput, (typeof PROFILE_FIELDS)[number]>;

export type TenantGrant = { tenantId: string; role: (typeof membershipRoles)[number] };
export type ImportSecret = { kind: 'password' | 'hash'; value: string };

/** A row that passed every check that does not depend on the directory. */
export type CheckedRow = {
  row: number;
  email: string;
  emailNormalized: string;
  username?: string;
  profile: ImportProfile;
  scopes?: string[];
  tenants?: TenantGrant[];
  status?: (typeof IMPORT_STATUSES)[number];
  secret?: ImportSecret;
};
export type RejectedRow = { row: number; email: string | null; errors: ImportFieldError[] };

/** Maps the file's columns to fields, case-insensitively; the rest are unknown. */
export function mapColumns(columns: string[]): { fieldOf: Map<string, ImportField>; unknownColumns: string[]; duplicates: string[][] } {
  const fieldOf = new Map<string, ImportField>();
  const byField = new Map<ImportField, string[]>();
  const unknownColumns: string[] = [];
  for (const column of columns) {
    const field = IMPORT_COLUMNS[column.trim().toLowerCase() as keyof typeof IMPORT_COLUMNS];
    if (!field) {
      unknownColumns.push(column);
      continue;
    }
    fieldOf.set(column, field);
    byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  return { fieldOf, unknownColumns, duplicates: [...byField.values()].filter((names) => names.length > 1) };
}

/** A cell that says nothing: the field is left as it is (a new user gets its default). */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Lists come as arrays in JSON, or as text: `scopes` split on spaces or commas, `vendor` on commas. */
function listOf(value: unknown, separator: RegExp): unknown {
  if (Array.isArray(value)) return value;
  return String(value)
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Text fields from JSON may arrive as numbers (a phone number): the schema reads their text. */
function textOf(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

const rowSchema = userCreateSchema.omit({ tenant: true, sendInvite: true });
const REPORTED_FIELD: Record<string, string> = { scope: 'scopes' };

export type RowContext = {
  fieldOf: Map<string, ImportField>;
  policy: PasswordPolicy;
  /** Tenants by id and by slug. */
  tenantIdOf: Map<string, string>;
};

/** Checks one record; an error row lists every problem found, each with its field. */
export async function checkRecord(record: RawRecord, context: RowContext): Promise<CheckedRow | RejectedRow> {
  if ('problem' in record) return { row: record.row, email: null, errors: [{ field: 'row', message: record.problem }] };
  const errors: ImportFieldError[] = [];
  const given = new Map<ImportField, unknown>();
  for (const [column, value] of Object.entries(record.values)) {
    if (isBlank(value)) continue;
    const field = context.fieldOf.get(column);
    if (field) given.set(field, value);
    else errors.push({ field: column, message: `Gatehouse has no field "${column}": rename or remove the column.` });
  }
  const rawEmail = given.get('email');
  const emailText = typeof rawEmail === 'string' ? rawEmail.trim() : null;
  if (rawEmail === undefined) errors.push({ field: 'email', message: 'Every row needs an email.' });

  const candidate: Record<string, unknown> = {};
  for (const field of ['email', 'username', 'password', ...PROFILE_FIELDS] as const) {
    if (given.has(field)) candidate[field] = textOf(given.get(field));
  }
  if (given.has('scopes')) candidate.scope = listOf(given.get('scopes'), /[\s,]+/);
  if (given.has('vendor')) candidate.vendor = listOf(given.get('vendor'), /,/);
  if (typeof candidate.metadata === 'string') {
    try {
      candidate.metadata = JSON.parse(candidate.metadata);
    } catch {
      errors.push({ field: 'metadata', message: 'Metadata must be a JSON object, such as {"team": "blue"}.' });
      delete candidate.metadata;
    }
  }
  const parsed = rowSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'row');
      if (field === 'email' && rawEmail === undefined) continue;
      errors.push({ field: REPORTED_FIELD[field] ?? field, message: issue.message });
    }
  }

  const status = given.get('status');
  const statusValue = status === undefined ? undefined : String(status).trim().toLowerCase();
  if (statusValue !== undefined && !(IMPORT_STATUSES as readonly string[]).includes(statusValue)) {
    errors.push({ field: 'status', message: 'Status must be active or suspended; leave it empty for the default (active with a password or hash, else invited and pending).' });
  }

  const tenants = given.has('tenants') ? tenantGrants(given.get('tenants'), context.tenantIdOf, errors) : undefined;
  const secret = secretOf(given, errors);
  if (parsed.success && secret?.kind === 'password') {
    const data = parsed.data;
    const inputs = [data.email, data.username ?? data.email, data.firstName ?? '', data.lastName ?? ''];
    for (const message of await checkPasswordPolicy(secret.value, inputs, context.policy)) errors.push({ field: 'password', message });
  }

  if (errors.length || !parsed.success) return { row: record.row, email: emailText, errors };
  const { email, username, password: _password, scope, ...profile } = parsed.data;
  return {
    row: record.row,
    email,
    emailNormalized: normalizeIdentifier(email),
    ...(username === undefined ? {} : { username }),
    profile,
    ...(scope === undefined ? {} : { scopes: scope }),
    ...(tenants === undefined ? {} : { tenants }),
    ...(statusValue === undefined ? {} : { status: statusValue as CheckedRow['status'] }),
    ...(secret === undefined ? {} : { secret }),
  };
}

function secretOf(given: Map<ImportField, unknown>, errors: ImportFieldError[]): ImportSecret | undefined {
  const password = given.get('password');
  const hash = given.get('passwordHash');
  if (password !== undefined && hash !== undefined) {
    errors.push({ field: 'passwordHash', message: 'Give a password or a password hash, not both.' });
    return undefined;
  }
  if (hash !== undefined) {
    const value = String(hash).trim();
    const recognized = recognizeImportedHash(value);
    if ('problem' in recognized) {
      errors.push({ field: 'passwordHash', message: recognized.problem });
      return undefined;
    }
    return { kind: 'hash', value };
  }
  return typeof password === 'string' ? { kind: 'password', value: password } : undefined;
}

/** The tenant references a file uses, to look them up in one query. */
export function tenantReferences(value: unknown): string[] {
  return (listOf(value, /[\s,]+/) as unknown[]).map((item) => String(item).split(':', 1)[0]);
}

const tenantRoleSchema = z.enum(membershipRoles);

/** `acme:admin beta` (or ["acme:admin", "beta"]): tenant slugs or ids, each with an optional membership role, `user` by default. */
function tenantGrants(value: unknown, tenantIdOf: Map<string, string>, errors: ImportFieldError[]): TenantGrant[] {
  const grants = new Map<string, TenantGrant['role']>();
  for (const item of listOf(value, /[\s,]+/) as unknown[]) {
    const [reference, role = 'user', ...rest] = String(item).split(':');
    const tenantId = tenantIdOf.get(reference);
    const parsedRole = tenantRoleSchema.safeParse(role);
    if (!tenantId) errors.push({ field: 'tenants', message: `There is no tenant "${reference}".` });
    else if (!parsedRole.success || rest.length) errors.push({ field: 'tenants', message: `"${item}" has an unknown role: write ${reference}:admin or ${reference}:user (user when left out).` });
    else grants.set(tenantId, parsedRole.data);
  }
  return [...grants].map(([tenantId, role]) => ({ tenantId, role }));
}

/** The status a new user starts with: what the row asks, else active with a credential and pending (invited) without. */
export function initialStatus(row: Pick<CheckedRow, 'status' | 'secret'>): UserStatus {
  return row.status ?? (row.secret ? 'active' : 'pending');
}
