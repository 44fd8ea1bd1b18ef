import { z } from 'zod';
import { membershipRoles, permissionRoles } from '@/db/schema';

/** Tenants, memberships, resources and permissions as the API and the forms accept them. */

export const tenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'A slug is 1-64 lowercase letters, digits and hyphens, not starting or ending with a hyphen.');
const nameSchema = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');

export const tenantCreateSchema = z.strictObject({ slug: tenantSlugSchema, name: nameSchema });
export const tenantUpdateSchema = z
  .strictObject({ slug: tenantSlugSchema.optional(), name: nameSchema.optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');
export const tenantDeleteQuerySchema = z.strictObject({
  force: z.enum(['true', 'false'], { message: 'force must be true or false.' }).default('false').transform((v) => v === 'true'),
});

export const membershipSchema = z.strictObject({
  role: z.enum(membershipRoles, { message: `The tenant role must be one of ${membershipRoles.join(', ')}.` }),
});

export const resourceCreateSchema = z.strictObject({
  name: nameSchema,
  kind: z.string().trim().min(1, 'Enter a kind.').max(40, 'Use at most 40 characters.'),
  tenantId: z.string().trim().min(1).max(64).nullable().optional(),
});
export const resourceUpdateSchema = z
  .strictObject({ name: nameSchema.optional(), kind: resourceCreateSchema.shape.kind.optional(), tenantId: resourceCreateSchema.shape.tenantId })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');

export const permissionGrantSchema = z.strictObject({
  role: z.enum(permissionRoles, { message: `The role must be one of ${permissionRoles.join(', ')}.` }),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'expiresAt must be an ISO 8601 date and time, such as 2027-01-31T00:00:00Z.' })
    .transform((value) => new Date(value))
    .nullable()
    .optional(),
});
export type PermissionGrantInput = z.infer<typeof permissionGrantSchema>;

const changeRole = z.enum(permissionRoles, { message: `The role must be one of ${permissionRoles.join(', ')}, or null to revoke.` }).nullable();

/** PATCH /users/:id/permissions and the user page's grid: several changes saved together. */
export const userPermissionChangesSchema = z.strictObject({
  changes: z
    .array(z.strictObject({ resourceId: z.string().trim().min(1).max(64), role: changeRole, expiresAt: permissionGrantSchema.shape.expiresAt }))
    .min(1, 'Send at least one change.')
    .max(500, 'At most 500 changes at once.'),
});

/** PATCH /resources/:id/permissions and the resource page's grid. */
export const resourcePermissionChangesSchema = z.strictObject({
  changes: z
    .array(z.strictObject({ userId: z.string().trim().min(1).max(64), role: changeRole, expiresAt: permissionGrantSchema.shape.expiresAt }))
    .min(1, 'Send at least one change.')
    .max(500, 'At most 500 changes at once.'),
});
