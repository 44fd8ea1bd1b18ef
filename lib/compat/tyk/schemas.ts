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
export const tykUserParams = z.object({
  id: idParam.transform((id) => id.replace(/\}$/, '')).meta({ description: 'The user’s `id`.', example: 'usr_9Gq2xV0bLk3TzR7w' }),
});

/** GET /api/users: `p`, the page (from 1). Without it, the first page. */
export const tykListQuerySchema = z.strictObject({
  p: z.coerce
    .number({ message: 'p must be a page number.' })
    .int('p must be a whole number.')
    .min(1, 'p starts at 1. Every user at once (p=0 or lower on Tyk) is not served: read the pages 1 to `pages` instead.')
    .max(1_000_000, 'p is too large.')
    .default(1)
    .meta({ description: `The page, from 1: ${TYK_PAGE_SIZE} users a page, oldest first. The first page when left out.`, example: 1 }),
});

/** The user object of POST /api/users: `email_address` is required; without a password the user has none until `/actions/reset`. */
export const tykUserCreateSchema = z.strictObject({
  email_address: emailSchema.meta({ description: 'The user’s email address; they sign in with it.' }),
  first_name: firstName,
  last_name: lastName,
  active: active.optional().meta({ description: 'false creates the user suspended.' }),
  /** The tenant (id or slug) the user joins; "" for none. */
  org_id: orgId.optional().meta({ description: 'The tenant (id or slug) the user joins; "" or left out for none.' }),
  /** Newer Tyk versions take a password at creation; "" means none. */
  password: z.union([z.literal(''), passwordSchema]).optional().meta({ description: 'The user’s password (Tyk’s newer API); "" or left out: none until /actions/reset sets one.' }),
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
  new_password: passwordSchema.meta({ description: 'The new password.' }),
  current_password: z
    .string({ message: 'current_password must be a string.' })
    .min(1, 'Enter your current password.')
    .max(1024)
    .optional()
    .meta({ description: 'Your current password, when changing your own; ignored for someone else’s.' }),
});
export type TykPasswordReset = z.infer<typeof tykPasswordResetSchema>;

// ----- Responses -----

/** A user as Tyk shows one: `password` is always "" (never a hash), `access_key` "" where the caller may not see it. */
export const tykUserSchema = z
  .strictObject({
    api_model: z.strictObject({}).meta({ description: 'Always empty.' }),
    first_name: z.string().meta({ description: '"" when the user has none.' }),
    last_name: z.string().meta({ description: '"" when the user has none.' }),
    email_address: z.string(),
    password: z.literal('').meta({ description: 'Always "": no password hash is ever shown.' }),
    org_id: z.string().meta({ description: 'The id of the user’s first tenant by name among those the caller sees; "" when none.' }),
    active: z.boolean().meta({ description: 'False when the user is suspended, locked or being deleted; true otherwise, also while they have no password yet.' }),
    id: z.string(),
    access_key: z.string().meta({ description: 'The user’s access key where the caller controls the account (themselves, a system admin, a tenant admin of every tenant the user is in), otherwise "". Each key shown is recorded in the audit trail.' }),
  })
  .meta({
    id: 'TykUser',
    example: { api_model: {}, first_name: 'Jason', last_name: 'Jasonson', email_address: 'jason@example.com', password: '', org_id: 'ten_4mQx8Lp2Vb7sWz1K', active: true, id: 'usr_9Gq2xV0bLk3TzR7w', access_key: 'gk_Yk9uRmQ1bWh0c0x3cVd6M2RyQmV4' },
  });
export type TykUser = z.infer<typeof tykUserSchema>;

export const tykUserListSchema = z
  .strictObject({ users: z.array(tykUserSchema), pages: z.number().int().min(0).meta({ description: `How many pages of ${TYK_PAGE_SIZE} there are (0 when no user), whatever page was asked for.` }) })
  .meta({ id: 'TykUserList' });
export type TykUserList = z.infer<typeof tykUserListSchema>;

/** Tyk's envelope for actions: `{"Status": "OK", "Message": ..., "Meta": ""}`. */
export const tykStatusSchema = z
  .strictObject({ Status: z.literal('OK'), Message: z.string().meta({ description: 'What was done.' }), Meta: z.string().meta({ description: '"", or the new access key after a key reset.' }) })
  .meta({ id: 'TykStatus' });
export type TykStatus = z.infer<typeof tykStatusSchema>;
