import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { EditUserForm } from '@/components/users/edit-user-form';
import { UserFacts } from '@/components/users/user-facts';
import { userFormValues } from '@/components/users/user-form-values';
import { requireAdmin } from '@/lib/auth/session';
import { SETTABLE_STATUSES } from '@/lib/schemas/users';
import { listUserTenants } from '@/lib/tenants';
import { listTimezones } from '@/lib/timezones';
import { displayName, getUserById, getUserScopes, toPublicUser } from '@/lib/users';

export const metadata: Metadata = { title: 'Edit user' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function EditUserPage({ params, searchParams }: Props) {
  await requireAdmin();
  const { id } = await params;
  const row = getUserById(id);
  if (!row) notFound();
  const user = toPublicUser(row, getUserScopes(id));
  const justCreated = (await searchParams).created === '1';
  const settable = (SETTABLE_STATUSES as readonly string[]).includes(user.status);

  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title={displayName(user)} description={user.email} />
      {justCreated && (
        <Alert tone="info" className="mb-5">
          User created.{user.status === 'pending' && ' They stay pending until they set a password.'}
        </Alert>
      )}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <aside className="lg:order-last">
          <UserFacts user={user} tenants={listUserTenants(id)} />
        </aside>
        <EditUserForm userId={id} version={user.version} values={userFormValues(user)} timezones={listTimezones()} unchangeableStatus={settable ? undefined : user.status} />
      </div>
    </>
  );
}
