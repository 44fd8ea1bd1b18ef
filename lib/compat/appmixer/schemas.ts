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
  username: required('username', z.string().trim().min(1, 'Enter the username.').max(320)),
  password: required('password', z.string().min(1, 'Enter the password.').max(1024)),
});

/** POST /user. Both `email` and `username` are an email address; at least one is needed. */
export const appmixerCreateSchema = z
  .strictObject({
    password: required('password', passwordSchema),
    email: emailSchema.optional(),
    username: emailSchema.optional(),
    metadata: metadataSchema.optional(),
  })
  .refine((body) => body.email !== undefined || body.username !== undefined, { message: 'Send the email address as email or username.', path: ['email'] });
export type AppmixerCreateBody = z.infer<typeof appmixerCreateSchema>;

/** PUT /users/:userId: `vendor` is one vendor or several; Gatehouse keeps a list. */
function toUserUpdateInput({ scope, vendor, metadata, email }: { scope?: unknown; vendor?: string | unknown[]; metadata?: unknown; email?: unknown }): Record<string, unknown> {
  return {
    ...(scope !== undefined && { scope }),
    ...(vendor !== undefined && { vendor: Array.isArray(vendor) ? vendor : [vendor] }),
    ...(metadata !== undefined && { metadata }),
    ...(email !== undefined && { email }),
  };
}

/**
 * PUT /users/:userId: scope, vendor (one or several), metadata, email. The body is turned into
 * Gatehouse's patch and checked by the same schema as PATCH /api/v1/users/:id.
 */
export const appmixerUpdateSchema = z
  .strictObject({
    scope: z.unknown().optional(),
    vendor: z.union([z.string(), z.array(z.unknown())], { message: 'vendor must be a string or an array of strings.' }).optional(),
    metadata: z.unknown().optional(),
    email: z.unknown().optional(),
  })
  .transform(toUserUpdateInput)
  .pipe(userUpdateSchema);

const listFields = userListQuerySchema.shape;

/**
 * GET /users: `pattern`, `filter` (scope:x, and Gatehouse's other filters), `sort` (field:1 or
 * field:-1), `limit`, `offset`. The answer is a bare array with no paging hints, so a call
 * without `limit` gets the largest page Gatehouse serves.
 */
export const appmixerListQuerySchema = z
  .strictObject({
    pattern: listFields.pattern,
    filter: listFields.filter,
    sort: listFields.sort,
    limit: listFields.limit.removeDefault().default(MAX_PAGE_SIZE),
    offset: listFields.offset,
  })
  .transform((query) => ({ ...query, includeTotal: false, cursor: undefined }));

/** GET /users/count: the same search and filters. */
export const appmixerCountQuerySchema = userCountQuerySchema;

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

export const userIdParams = z.object({ userId: z.string().min(1).max(64) });
export const deleteStatusParams = z.object({ userId: z.string().min(1).max(64), ticket: z.string().min(1).max(64) });
