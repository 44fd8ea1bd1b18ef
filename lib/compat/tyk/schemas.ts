import { z } from 'zod';
import { idParam } from '@/lib/api/id-param';
import { emailSchema, passwordSchema, userCreateSchema } from '@/lib/users/schemas';

/**
 * Tyk Dashboard's Users API shapes (seed 002), as its document prints them. The field rules
 * are Gatehouse's own (lib/users/schemas.ts), under Tyk's field names.
 */

/** Tyk's page size (its `page_size` default): `p=1` is users 1-10, `p=2` users 11-20. */
export const TYK_PAGE_SIZE = 10;

const firstName = userCreateSchema.shape.firstName;
const lastName = userCreateSchema.shape.lastName;
const active = z.boolean({ message: 'active must be true or false.' });
const orgId = z.string({ message: 'org_id must be a string.' }).trim().max(64, 'Use at most 64 characters.');
/** Tyk's user objects carry an empty `api_model`; a client sending one back is not refused for it. */
const apiModel = z.record(z.string(), z.unknown(), { message: 'api_model must be an object.' });

/** `{user-id}` is printed `{user-id}}` for two calls: a client that kept the stray brace reaches the same user. */
export const tykUserParams = z.object({ id: idParam.transform((id) => id.replace(/\}$/, '')) });

/** GET /api/users: `p`, the page (from 1). Without it, the first page. */
export const tykListQuerySchema = z.strictObject({
  p: z.coerce
    .number({ message: 'p must be a page number.' })
    .int('p must be a whole number.')
    .min(1, 'p starts at 1. Every user at once (p=0 or lower on Tyk) is not served: read the pages 1 to `pages` instead.')
    .max(1_000_000, 'p is too large.')
    .default(1),
});

/** The user object of POST /api/users: `email_address` is required; without a password the user has none until `/actions/reset`. */
export const tykUserCreateSchema = z.strictObject({
  email_address: emailSchema,
  first_name: firstName,
  last_name: lastName,
  active: active.optional(),
  /** The tenant (id or slug) the user joins; "" for none. */
  org_id: orgId.optional(),
  /** Newer Tyk versions take a password at creation; "" means none. */
  password: z.union([z.literal(''), passwordSchema]).optional(),
  api_model: apiModel.optional(),
  // A user object copied from a read: an id or key cannot be chosen, so only empty ones pass.
  id: z.literal('', { message: 'The id is chosen by Gatehouse.' }).optional(),
  access_key: z.literal('', { message: 'The access key is issued by Gatehouse.' }).optional(),
});
export type TykUserCreate = z.infer<typeof tykUserCreateSchema>;

/**
 * The user object of PUT /api/users/{uid}: the fields sent are changed, the others kept. The
 * read-only fields of a user object read before (id, org_id, access_key, password "") may come
 * back unchanged.
 */
export const tykUserUpdateSchema = z.strictObject({
  email_address: emailSchema.optional(),
  first_name: firstName,
  last_name: lastName,
  active: active.optional(),
  id: z.string({ message: 'id must be a string.' }).optional(),
  org_id: orgId.optional(),
  access_key: z.string({ message: 'access_key must be a string.' }).optional(),
  password: z.literal('', { message: 'Set a password with POST /api/users/{uid}/actions/reset.' }).optional(),
  api_model: apiModel.optional(),
});
export type TykUserUpdate = z.infer<typeof tykUserUpdateSchema>;

/** POST /api/users/{uid}/actions/reset: `{new_password}`, or the newer `{current_password, new_password}`. */
export const tykPasswordResetSchema = z.strictObject({
  new_password: passwordSchema,
  current_password: z.string({ message: 'current_password must be a string.' }).min(1, 'Enter your current password.').max(1024).optional(),
});
export type TykPasswordReset = z.infer<typeof tykPasswordResetSchema>;

// ----- Responses -----

/** A user as Tyk shows one: `password` is always "" (never a hash), `access_key` "" where the caller may not see it. */
export const tykUserSchema = z.strictObject({
  api_model: z.strictObject({}),
  first_name: z.string(),
  last_name: z.string(),
  email_address: z.string(),
  password: z.literal(''),
  org_id: z.string(),
  active: z.boolean(),
  id: z.string(),
  access_key: z.string(),
});
export type TykUser = z.infer<typeof tykUserSchema>;

export const tykUserListSchema = z.strictObject({ users: z.array(tykUserSchema), pages: z.number().int().min(0) });
export type TykUserList = z.infer<typeof tykUserListSchema>;

/** Tyk's envelope for actions: `{"Status": "OK", "Message": ..., "Meta": ""}`. */
export const tykStatusSchema = z.strictObject({ Status: z.literal('OK'), Message: z.string(), Meta: z.string() });
export type TykStatus = z.infer<typeof tykStatusSchema>;
