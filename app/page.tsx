import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';

/** The start page: admins go to the users list, everyone else to their account. */
export default async function Home() {
  const { isAdmin } = await requireUser();
  redirect(isAdmin ? '/users' : '/account');
}
