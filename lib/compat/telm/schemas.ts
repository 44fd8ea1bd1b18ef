import { z } from 'zod';
import { membershipRoles } from '@/db/schema';
import { idParam } from '@/lib/api/id-param';
import { changeOwnPasswordSchema } from '@/lib/passwords/schemas';
import { emailSchema, passwordSchema, userCreateSchema } from '@/lib/users/schemas';

/**
 * telm.ai's requests and answers as its document prints them: snake_case fields, most of them
 * in the query string, `role` being the user's role in the tenant named in the path.
 */

const roleSchema = z.enum(membershipRoles, { message: `role must be one of ${membershipRoles.map((role) => `"${role}"`).join(', ')}.` });
// Gatehouse's own name field (trimmed, bounded), required and not empty as the document marks it.
const nameSchema = (label: string) => userCreateSchema.shape.firstName.unwrap().unwrap().min(1, `Send ${label}.`);

/** `{tenant}` (a tenant's slug or id). */
export const tenantParams = z.object({ tenant: idParam });
/** `{tenant}` and `{user_email}`; the email is compared case-insensitively, as Gatehouse's email identity is. */
export const tenantUserParams = z.object({ tenant: idParam, user_email: z.string().trim().min(1).max(254) });

/**
 * POST /api/auth/auth/token: the fields, each optional here because they may come in the query,
 * in a form body, or split between the two; `telmTokenRequestSchema` checks the merged whole.
 * `client_id` and `scope`, which OAuth password-grant clients often add, are accepted and ignored.
 */
export const telmTokenFieldsSchema = z.strictObject({
  grant_type: z.literal('password', { message: 'grant_type must be "password".' }).optional(),
  username: z.string().trim().min(1, 'Send the username.').max(320).optional(),
  password: z.string().min(1, 'Send the password.').max(1024).optional(),
  client_id: z.string().max(256).optional(),
  scope: z.string().max(256).optional(),
});
export const telmTokenRequestSchema = telmTokenFieldsSchema.required({ username: true, password: true });

/** POST .../{tenant}/users: `password` left out invites the user by mail. */
export const telmCreateQuerySchema = z.strictObject({
  email: emailSchema,
  first_name: nameSchema('first_name'),
  last_name: nameSchema('last_name'),
  role: roleSchema,
  password: passwordSchema.optional(),
});

/** PUT .../{tenant}/user/{user_email}: all three fields, as the document marks them required. */
export const telmUpdateQuerySchema = z.strictObject({
  first_name: nameSchema('first_name'),
  last_name: nameSchema('last_name'),
  role: roleSchema,
});

/** PUT .../{tenant}/users/{user_email}/assign */
export const telmAssignBodySchema = z.strictObject({ role: roleSchema });

/** PUT .../{tenant}/user/{user_email}/password */
export const telmPasswordQuerySchema = z.strictObject({
  'old-password': changeOwnPasswordSchema.shape.oldPassword,
  'new-password': changeOwnPasswordSchema.shape.newPassword,
});

/** A user as telm.ai shows one: `role` is their role in the tenant asked about. */
export const telmUserSchema = z.object({
  email: z.string(),
  first_name: z.string(),
  id: z.string(),
  last_name: z.string(),
  role: roleSchema,
});
export type TelmUser = z.infer<typeof telmUserSchema>;

/** Every success answer. */
export type TelmMessage = { message: string };
