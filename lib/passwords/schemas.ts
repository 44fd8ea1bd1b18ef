import { z } from 'zod';
import { CHARACTER_CLASS_NAMES, PASSWORD_MIN_LENGTH_BOUNDS } from './rules';
import { emailSchema, passwordSchema } from '@/lib/users/schemas';

/** Request bodies of the password flows, shared by the API routes and the pages' actions. */

// Codes are 43 base64url characters; anything far longer is not one of ours.
const codeSchema = z.string({ message: 'Send the code from the link.' }).trim().min(1, 'Send the code from the link.').max(200, 'This is not a valid code.');

export const forgotPasswordSchema = z.strictObject({ email: emailSchema });

export const resetPasswordSchema = z.strictObject({ code: codeSchema, password: passwordSchema });

export const acceptInvitationSchema = resetPasswordSchema;

/** The password chosen at sign-up, as typed again: no policy here, only the same bounds. */
export const confirmSignUpSchema = z.strictObject({ code: codeSchema, password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(1024) });

export const changeOwnPasswordSchema = z.strictObject({
  oldPassword: z.string({ message: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
  newPassword: passwordSchema,
});

/** POST /api/v1/users/:id/password: set a password, or mail the user a reset link. */
export const adminPasswordSchema = z.union(
  [z.strictObject({ password: passwordSchema }), z.strictObject({ sendEmail: z.literal(true, { message: 'sendEmail must be true.' }) })],
  { message: 'Send either {"password": "..."} to set a password, or {"sendEmail": true} to mail the user a reset link.' },
);

export const passwordPolicySchema = z.strictObject({
  minLength: z
    .number({ message: 'The minimum length must be a whole number.' })
    .int('The minimum length must be a whole number.')
    .min(PASSWORD_MIN_LENGTH_BOUNDS.min, `The minimum length must be at least ${PASSWORD_MIN_LENGTH_BOUNDS.min}.`)
    .max(PASSWORD_MIN_LENGTH_BOUNDS.max, `The minimum length must be at most ${PASSWORD_MIN_LENGTH_BOUNDS.max}.`),
  requiredClasses: z
    .array(z.enum(CHARACTER_CLASS_NAMES as [string, ...string[]], { message: `Character classes are ${CHARACTER_CLASS_NAMES.join(', ')}.` }))
    .transform((classes) => [...new Set(classes)]),
});
