import { z } from 'zod';

/** POST /api/v1/auth/token: sign in with a username or an email (either field takes either), and a password. */
export const tokenRequestSchema = z
  .strictObject({
    username: z.string().trim().min(1).max(320).optional(),
    email: z.string().trim().min(1).max(320).optional(),
    password: z.string().min(1, 'Enter the password.').max(1024),
  })
  .refine((body) => body.username !== undefined || body.email !== undefined, {
    message: 'Give a username or an email.',
    path: ['username'],
  });

export type TokenRequest = z.infer<typeof tokenRequestSchema>;
