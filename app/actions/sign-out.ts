'use server';

import { signOut } from '@/lib/auth/nextauth';

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
