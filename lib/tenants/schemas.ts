import { z } from 'zod';
import { membershipRoles, permissionRoles } from '@/db/schema';
import { instantSchema } from '@/lib/users/schemas';

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

// ----- Answers -----


export const tenantSchema = z
  .object({
    id: z.string().meta({ example: 'ten_8f2k1q' }),
    slug: z.string().meta({ description: 'Usable in place of the id in every address.', example: 'acme' }),
    name: z.string().meta({ example: 'Acme Corp' }),
    createdAt: instantSchema('When the tenant was created.'),
    memberCount: z.int(),
    adminCount: z.int().meta({ description: 'Members with the tenant role `admin`.' }),
  })
  .meta({ id: 'Tenant' });

export const membershipAnswerSchema = z
  .object({ tenantId: z.string(), userId: z.string(), role: z.enum(membershipRoles) })
  .meta({ id: 'Membership', example: { tenantId: 'ten_8f2k1q', userId: 'b3d4a9e0-6f1c-4c2e-9a37-2c5d8e1f0a44', role: 'user' } });

export const resourceSchema = z
  .object({
    id: z.string().meta({ example: 'res_3mz9c0' }),
    name: z.string().meta({ example: 'Quarterly close' }),
    kind: z.string().meta({ description: 'What the resource is, in your terms.', example: 'workflow' }),
    tenantId: z.string().nullable().meta({ description: 'The tenant it belongs to; null for one outside every tenant (system admins only).' }),
    createdAt: instantSchema('When the resource was created.'),
    tenantSlug: z.string().nullable(),
    holderCount: z.int().meta({ description: 'Users holding a live (unexpired) role on it.' }),
  })
  .meta({ id: 'Resource' });

const grantFields = {
  role: z.enum(permissionRoles),
  expiresAt: instantSchema('When the role ends by itself; null for never.').nullable(),
  expired: z.boolean().meta({ description: 'The role has ended: it grants nothing.' }),
  grantedBy: z.string().nullable().meta({ description: 'The id of who granted it.' }),
  grantedAt: instantSchema('When it was granted or last changed.'),
};

export const userPermissionSchema = z
  .object({ ...grantFields, resourceId: z.string(), resourceName: z.string(), resourceKind: z.string() })
  .meta({ id: 'UserPermission', description: 'A role the user holds on a resource.' });

export const resourcePermissionSchema = z
  .object({ ...grantFields, userId: z.string(), email: z.string(), name: z.string().meta({ description: 'The holder’s name, or their username when they have none.' }), status: z.string() })
  .meta({ id: 'ResourcePermission', description: 'A user holding a role on the resource.' });

export const permissionChangeCountsSchema = z
  .object({ granted: z.int(), changed: z.int(), revoked: z.int(), unchanged: z.int() })
  .meta({ id: 'PermissionChangeCounts', description: 'How many of the changes sent did what; all were saved together.', example: { granted: 1, changed: 0, revoked: 1, unchanged: 0 } });

/** GET /api/v1/resources. */
export const resourceListQuerySchema = z.strictObject({
  pattern: z.string().trim().max(128, 'pattern is at most 128 characters.').optional().meta({ description: 'A part of the name, any case.' }),
  limit: z.coerce.number({ message: 'limit must be a number.' }).int().min(1).max(100, 'limit is at most 100.').default(50),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int().min(0).default(0),
});
