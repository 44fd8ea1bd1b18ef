'use server';

import { choosePasswordWithCode, type ChoosePasswordOutcome } from '../choose-password';
import { acceptInvitation } from '@/lib/invitations';
import { acceptInvitationSchema } from '@/lib/schemas/passwords';

/** Sets the invited user's first password; they are active from now on and sign in with it. */
export async function acceptInvitationAction(input: unknown): Promise<ChoosePasswordOutcome> {
  return choosePasswordWithCode(input, acceptInvitationSchema, acceptInvitation);
}
