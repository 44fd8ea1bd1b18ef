'use server';

import { signOut } from '../auth/nextauth';
import { serverAction } from './server-action';

export const signOutAction = serverAction({ operation: 'public' }, async () => {
  await signOut({ redirectTo: '/sign-in' });
});
