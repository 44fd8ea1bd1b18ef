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

const tenantParam = idParam.meta({ description: 'The tenant’s slug (case-insensitive) or id.', example: 'acme' });
const userEmailParam = z.string().trim().min(1).max(254).meta({ description: 'The user’s email, case-insensitive; raw or percent-encoded.', example: 'ann.lee@example.com' });

/** `{tenant}` (a tenant's slug or id). */
export const tenantParams = z.object({ tenant: tenantParam });
/** `{tenant}` and `{user_email}`; the email is compared case-insensitively, as Gatehouse's email identity is. */
export const tenantUserParams = z.object({ tenant: tenantParam, user_email: userEmailParam });

/**
 * POST /api/auth/auth/token: the fields, each optional here because they may come in the query,
 * in a form body, or split between the two; `telmTokenRequestSchema` checks the merged whole.
 * `client_id` and `scope`, which OAuth password-grant clients often add, are accepted and ignored.
 */
export const telmTokenFieldsSchema = z.strictObject({
  grant_type: z.literal('password', { message: 'grant_type must be "password".' }).optional().meta({ description: '`password`, or left out.' }),
  username: z.string().trim().min(1, 'Send the username.').max(320).optional().meta({ description: 'The email or Gatehouse username, case-insensitive; needed in the query or the body.', example: 'ann.lee@example.com' }),
  password: z.string().min(1, 'Send the password.').max(1024).optional().meta({ description: 'The account’s password; needed in the query or the body.' }),
  client_id: z.string().max(256).optional().meta({ description: 'Accepted and ignored.' }),
  scope: z.string().max(256).optional().meta({ description: 'Accepted and ignored.' }),
});
export const telmTokenRequestSchema = telmTokenFieldsSchema.required({ username: true, password: true });

/** POST .../{tenant}/users: `password` left out invites the user by mail. */
export const telmCreateQuerySchema = z.strictObject({
  email: emailSchema.meta({ description: 'The new user’s email.', example: 'ann.lee@example.com' }),
  first_name: nameSchema('first_name').meta({ description: 'First name, not empty.', example: 'Ann' }),
  last_name: nameSchema('last_name').meta({ description: 'Last name, not empty.', example: 'Lee' }),
  role: roleSchema.meta({ description: 'The new user’s role in the tenant.' }),
  password: passwordSchema.optional().meta({ description: 'Left out, the user is mailed an invitation to choose one. Must meet the password policy.' }),
});

/** PUT .../{tenant}/user/{user_email}: all three fields, as the document marks them required. */
export const telmUpdateQuerySchema = z.strictObject({
  first_name: nameSchema('first_name').meta({ description: 'First name, not empty.', example: 'Ann' }),
  last_name: nameSchema('last_name').meta({ description: 'Last name, not empty.', example: 'Lee-Smith' }),
  role: roleSchema.meta({ description: 'The user’s role in the tenant; send the current one to keep it.' }),
});

/** PUT .../{tenant}/users/{user_email}/assign */
export const telmAssignBodySchema = z.strictObject({ role: roleSchema.meta({ description: 'The user’s role in the tenant.' }) });

/** PUT .../{tenant}/user/{user_email}/password */
export const telmPasswordQuerySchema = z.strictObject({
  'old-password': changeOwnPasswordSchema.shape.oldPassword.meta({ description: 'Your current password.' }),
  'new-password': changeOwnPasswordSchema.shape.newPassword.meta({ description: 'The new password; it must meet the password policy.' }),
});

/** A user as telm.ai shows one: `role` is their role in the tenant asked about. */
export const telmUserSchema = z
  .object({
    email: z.string().meta({ example: 'ann.lee@example.com' }),
    first_name: z.string().meta({ description: 'Empty when Gatehouse has no first name.', example: 'Ann' }),
    id: z.string().meta({ description: 'The Gatehouse user id, the one /api/v1/users/{id} takes.', example: 'usr_Yk9uRmQ1bWh0c0x3' }),
    last_name: z.string().meta({ description: 'Empty when Gatehouse has no last name.', example: 'Lee' }),
    role: roleSchema.meta({ description: 'The user’s role in the tenant named in the path; `admin` makes a tenant admin.' }),
  })
  .meta({ id: 'TelmUser' });
export type TelmUser = z.infer<typeof telmUserSchema>;

/** The answer of POST /api/auth/auth/token. */
export const telmTokenSchema = z
  .object({
    access_token: z.string().meta({ description: 'Send as `Authentication: Bearer <access_token>`. An ordinary Gatehouse API token: it works on /api/v1 too.' }),
    expires: z.int().min(0).meta({ description: 'Seconds the token stays valid, counted from this answer.', example: 2592000 }),
  })
  .meta({ id: 'TelmToken' });

/**
 * The sentences the success answers carry, word for word where the document prints them; the
 * route files answer these, and the answers' schemas list them.
 */
export const TELM_MESSAGES = {
  added: 'User was added successfully',
  updated: 'User was updated successfully',
  removed: 'User was removed from the tenant successfully',
  assigned: 'User was assigned to the tenant successfully',
  roleChanged: 'User role in the tenant was updated successfully',
  resetLinkSent: 'A password reset email was sent to the user',
  resetRequested: 'A password reset email is on its way to the user',
} as const;

/** A success answer: `{"message": ...}` with one of the sentences given. */
export const telmMessageSchema = <const S extends readonly [string, ...string[]]>(...sentences: S) =>
  z.object({ message: z.enum(sentences).meta({ description: 'What happened, for people.' }) });
