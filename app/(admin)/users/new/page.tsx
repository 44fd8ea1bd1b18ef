import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { NewUserForm } from '@/components/users/new-user-form';
import { newUserFormValues } from '@/components/users/user-form-values';
import { requireAdmin } from '@/lib/auth/session';
import { listTimezones } from '@/lib/timezones';
import { DEFAULT_SCOPES } from '@/lib/users';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage() {
  await requireAdmin();
  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title="New user" description="Create an account. With a password the user can sign in at once." />
      <NewUserForm defaultValues={newUserFormValues({ role: 'Subscriber', plan: 'free', scope: DEFAULT_SCOPES })} timezones={listTimezones()} />
    </>
  );
}
