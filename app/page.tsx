import { redirect } from 'next/navigation';
import { mayAttempt } from '@/lib/access/matrix';
import { requireUser } from '@/lib/auth/session';

/** The start page: those who manage users (system and tenant admins) go to the users list, everyone else to their account. */
export default async function Home() {
  redirect(mayAttempt('users.list', await requireUser()) ? '/users' : '/account');
}
