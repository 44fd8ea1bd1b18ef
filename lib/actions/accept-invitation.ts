'use server';

import { z } from 'zod';
import { acceptInvitation } from '@/lib/passwords/invitations';
import { acceptInvitationSchema } from '@/lib/passwords/schemas';
import { chooseWithCode } from './choose-password';
import { serverAction } from './server-action';

/** Sets the invited user's first password; they are active from now on and sign in with it. */
export const acceptInvitationAction = serverAction({ operation: 'public', input: z.tuple([acceptInvitationSchema]) }, async ({ input: [{ code, password }], origin }) =>
  await chooseWithCode(() => acceptInvitation(code, password, origin)),
);
