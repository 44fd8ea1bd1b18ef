import { z } from 'zod';
import { changeOwnPasswordSchema, forgotPasswordSchema, resetPasswordSchema } from '@/lib/passwords/schemas';
import { emailSchema, MAX_PAGE_SIZE, metadataSchema, passwordSchema, userCountQuerySchema, userListQuerySchema, userUpdateSchema } from '@/lib/users/schemas';

/**
 * Appmixer's request shapes, as its document prints them, validated by Gatehouse's own
 * field schemas (lib/schemas) so every rule stays in one place.
 */

/** A field the document marks required: its absence is named, not reported as a wrong type. */
const required = <T extends z.ZodType<unknown, string>>(name: string, schema: T) => z.string({ message: `${name} is required and must be a string.` }).pipe(schema);

/** POST /user/auth. "Username, has to have an email format": Gatehouse also signs in by username, so any name is looked up. */
export const appmixerSignInSchema = z.strictObject({
  username: required('username', z.string().trim().min(1, 'Enter the username.').max(320)).meta({ description: 'The account’s email address, or its Gatehouse username.' }),
  password: required('password', z.string().min(1, 'Enter the password.').max(1024)),
});

/** POST /user. Both `email` and `username` are an email address; at least one is needed. */
export const appmixerCreateSchema = z
  .strictObject({
    password: required('password', passwordSchema),
    email: emailSchema.optional().meta({ description: 'The email address; `username` stands in for it when left out.' }),
    username: emailSchema.optional().meta({ description: 'An email address too; when it differs from `email` it becomes the username.' }),
    metadata: metadataSchema.optional().meta({ description: 'A JSON object stored with the user.' }),
  })
  .refine((body) => body.email !== undefined || body.username !== undefined, { message: 'Send the email address as email or username.', path: ['email'] });
export type AppmixerCreateBody = z.infer<typeof appmixerCreateSchema>;

/**
 * PUT /users/:userId: scope, vendor (one or several), metadata, email, with the rules of PATCH
 * /api/v1/users/:id (its field schemas), turned into Gatehouse's patch and checked as one.
 */
const updateFields = userUpdateSchema.shape;
export const appmixerUpdateSchema = z
  .strictObject({
    scope: updateFields.scope.meta({ description: 'Scope names (`user`, `admin`, `tester` or your own); replaces the user’s scopes.', example: ['user', 'acme1'] }),
    vendor: z
      .union([z.string(), z.array(z.string())], { message: 'vendor must be a string or an array of strings.' })
      .optional()
      .meta({ description: 'One vendor name or an array of them; stored as a list.', example: 'acme' }),
    metadata: updateFields.metadata.meta({ description: 'A JSON object; replaces the stored metadata.', example: { team: 'sales' } }),
    email: updateFields.email.meta({ description: 'The new email address; another user’s answers 409.', example: 'abc@example.com' }),
  })
  .transform(({ vendor, ...fields }) => ({ ...fields, ...(vendor !== undefined && { vendor: Array.isArray(vendor) ? vendor : [vendor] }) }))
  .pipe(userUpdateSchema);

const listFields = userListQuerySchema.shape;
const FILTER_TEXT =
  'Repeatable `field:value`: `scope:acme1`, and `status:`, `role:`, `tenant:`, `plan:`, `vendor:`, `created>2026-01-01` or `created<…`. Filters on different fields all apply; values of one field are alternatives.';

/**
 * GET /users: `pattern`, `filter` (scope:x, and Gatehouse's other filters), `sort` (field:1 or
 * field:-1), `limit`, `offset`. The answer is a bare array with no paging hints, so a call
 * without `limit` gets the largest page Gatehouse serves.
 */
export const appmixerListQuerySchema = z
  .strictObject({
    pattern: listFields.pattern.meta({ description: 'Matches any part of the email, username, first or last name, ignoring case.', example: 'joe' }),
    filter: listFields.filter.meta({ description: FILTER_TEXT, example: 'scope:acme1' }),
    sort: listFields.sort.meta({ description: '`field:1` (ascending) or `field:-1` (descending), over `created`, `email`, `username`, `lastName` or `lastSignIn`; `created:-1` when left out.', example: 'created:-1' }),
    limit: listFields.limit.removeDefault().default(MAX_PAGE_SIZE).meta({ description: `How many users, 1 to ${MAX_PAGE_SIZE}; ${MAX_PAGE_SIZE} when left out.`, example: 30 }),
    offset: listFields.offset.meta({ description: 'How many matching users to skip, from 0.', example: 0 }),
  })
  .transform((query) => ({ ...query, includeTotal: false, cursor: undefined }));

/** GET /users/count: the same search and filters. */
export const appmixerCountQuerySchema = userCountQuerySchema.extend({
  pattern: listFields.pattern.meta({ description: 'Matches any part of the email, username, first or last name, ignoring case.', example: 'joe' }),
  filter: listFields.filter.meta({ description: FILTER_TEXT, example: 'scope:acme1' }),
});

/** POST /user/change-password: {oldPassword, newPassword}, as in Gatehouse. */
export const appmixerChangePasswordSchema = changeOwnPasswordSchema;

/** POST /user/reset-password (admin): the user's email and the new password. */
export const appmixerResetPasswordSchema = z.strictObject({
  email: required('email', emailSchema),
  password: required('password', passwordSchema),
});

/** POST /forgot-password: {email}. */
export const appmixerForgotPasswordSchema = forgotPasswordSchema;

/** POST /forgot-password/reset: {password, code}. */
export const appmixerForgotResetSchema = resetPasswordSchema;

const userId = z.string().min(1).max(64).meta({ description: 'The user’s `id`.', example: 'usr_9Gq2xV0bLk3TzR7w' });
export const userIdParams = z.object({ userId });
export const deleteStatusParams = z.object({ userId, ticket: z.string().min(1).max(64).meta({ description: 'The `ticket` from DELETE /compat/appmixer/users/{userId}.', example: '830639e3-c53a-42d6-ad43-0276674236b4' }) });

// ----- Answers -----

/**
 * A user as Appmixer shows one: the document's fields, then `scope`, `vendor` and `created`.
 * No password hash, ever.
 */
export const appmixerUserSchema = z
  .object({
    id: z.string().meta({ description: 'The user’s id, for /users/{userId}.' }),
    username: z.string().meta({ description: 'Signs in like the email; the email unless another was chosen.' }),
    email: z.string(),
    isActive: z.boolean().meta({ description: 'True when the account can sign in; false while it is pending (invited or unconfirmed), suspended, locked or being deleted.' }),
    plan: z.string(),
    metadata: z.record(z.string(), z.unknown()).meta({ description: 'The free-form JSON object stored with the user.' }),
    scope: z.array(z.string()).meta({ description: 'The scopes held; `admin` makes a system admin.' }),
    vendor: z.array(z.string()).meta({ description: 'The vendors, always a list.' }),
    created: z.iso.datetime().meta({ description: 'When the account was created (what `sort=created:-1` orders by).' }),
  })
  .meta({
    id: 'AppmixerUser',
    example: { id: 'usr_9Gq2xV0bLk3TzR7w', username: 'abc@example.com', email: 'abc@example.com', isActive: true, plan: 'free', metadata: {}, scope: ['user'], vendor: [], created: '2026-03-14T09:26:53.589Z' },
  });
export type AppmixerUser = z.infer<typeof appmixerUserSchema>;

/** GET /users: a bare array, as Appmixer answers. */
export const appmixerUserListSchema = z.array(appmixerUserSchema);

const tokenSchema = z.string().meta({ description: 'Send as `Authorization: Bearer <token>` on every other call. Opaque (not a JWT); it expires after 30 days unless configured otherwise.' });

/** POST /user/auth. */
export const appmixerSignedInSchema = z.object({ user: appmixerUserSchema, token: tokenSchema }).meta({ id: 'AppmixerSignedIn' });

/** POST /user, for a caller who creates the account at once: the new user's token. */
export const appmixerCreatedSchema = z.object({ token: tokenSchema }).meta({ id: 'AppmixerCreated' });

/** An answer whose news is a sentence for people (a sign-up received, a reset mail on its way). */
export const appmixerMessageSchema = z
  .object({ message: z.string().meta({ description: 'What happens next, for people.' }) })
  .meta({ id: 'AppmixerMessage', example: { message: 'Check your inbox: we sent a link to finish creating your account.' } });

/** The printed `{}` of the password calls. */
export const appmixerEmptySchema = z.object({}).meta({ id: 'AppmixerEmpty', description: 'An empty object: the call succeeded.', example: {} });

export const appmixerCountSchema = z.object({ count: z.int().min(0).meta({ description: 'How many users match, counted exactly.' }) }).meta({ id: 'AppmixerCount', example: { count: 42 } });

export const appmixerDeleteTicketSchema = z
  .object({ ticket: z.string().meta({ description: 'Poll GET /compat/appmixer/users/{userId}/delete-status/{ticket} with it.' }) })
  .meta({ id: 'AppmixerDeleteTicket', example: { ticket: '830639e3-c53a-42d6-ad43-0276674236b4' } });

/** A deletion's progress in the document's status values (a queued job is already `in-progress`). */
export const appmixerDeleteStatusSchema = z
  .object({
    status: z.enum(['in-progress', 'completed', 'failed', 'cancelled']).meta({ description: '`in-progress` until the job ends.' }),
    stepsDone: z.int().min(0).meta({ description: 'Steps finished: with `stepsTotal`, a progress bar.' }),
    stepsTotal: z.int().min(0),
  })
  .meta({ id: 'AppmixerDeleteStatus', example: { status: 'in-progress', stepsDone: 4, stepsTotal: 9 } });
