import type { Metadata } from 'next';
import Link from 'next/link';
import { UserPermissionsSection } from '@/components/permissions/user-permissions-section';
import { Alert } from '@/components/ui/alert';
import { buttonClassName } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EditUserForm } from '@/components/users/edit-user-form';
import { DeleteUserButton } from '@/components/users/delete-user-button';
import { UserFacts } from '@/components/users/user-facts';
import { userFormValues } from '@/lib/users/form-values';
import { UserPasswordPanel } from '@/components/users/user-password-panel';
import { AccessKeyPanel } from '@/components/users/access-key-panel';
import { UserSessionsSection } from '@/components/sessions/sessions-sections';
import { mayAttempt } from '@/lib/access/matrix';
import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { findActiveDeletion } from '@/lib/deletion/requests';
import { SETTABLE_STATUSES } from '@/lib/users/schemas';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { accountControlRefusal, requireReadableUser } from '@/lib/access/tenant-scope';
import { listUserTenants } from '@/lib/tenants/tenants';
import { listTimezones } from '@/lib/users/timezones';
import { revealAccessKeyAction, rotateAccessKeyAction } from '@/lib/actions/access-keys';
import { displayName, getUserScopes, personalInputs, toPublicUser } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Edit user' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; invited?: string }> };

export default async function EditUserPage({ params, searchParams }: Props) {
  const principal = await requireOperation('users.read');
  const { id } = await params;
  const row = await foundOrNotFound(() => requireReadableUser(principal, id));
  const user = toPublicUser(row, await getUserScopes(id));
  const { created, invited } = await searchParams;
  const justCreated = created === '1';
  const settable = (SETTABLE_STATUSES as readonly string[]).includes(user.status);
  const deletion = user.status === 'deleting' ? await findActiveDeletion(id) : null;
  const name = displayName(user);
  const controlRefusal = await accountControlRefusal(principal, id);

  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title={name} description={user.email}>
        <div className="flex flex-wrap gap-2">
          <Link href={`/users/${id}/activity`} className={buttonClassName('secondary')}>
            Activity
          </Link>
          {controlRefusal === null && mayAttempt('users.export-data', principal) && (
            // Everything held about them, for an access request under data-protection law: the API's JSON download.
            <a href={`/api/v1/users/${id}/export`} download className={buttonClassName('secondary')}>
              Download personal data
            </a>
          )}
        </div>
      </PageHeader>
      {justCreated && (
        <Alert tone="info" className="mb-5">
          User created.
          {user.status === 'pending' &&
            ` They stay pending until they set a password. ${invited === '1' ? `Invitation sent to ${user.email}.` : 'No invitation was sent yet: send one with “Resend invitation” when you are ready.'}`}
        </Alert>
      )}
      {user.status === 'deleting' && (
        <Alert tone="info" className="mb-5">
          This user is being deleted.{' '}
          {deletion && (
            <Link href={`/users/${id}/deletion/${deletion.ticket}`} className="font-medium underline">
              Follow the deletion
            </Link>
          )}
        </Alert>
      )}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <aside className="space-y-5 lg:order-last">
          <UserFacts user={user} tenants={await listUserTenants(id)} />
          {controlRefusal === null && (mayAttempt('users.set-password', principal) || (user.status === 'pending' && mayAttempt('users.invite', principal))) && user.status !== 'deleting' && (
            <UserPasswordPanel
              user={{ id, name, email: user.email, status: user.status }}
              policy={await getPasswordPolicy()}
              userInputs={personalInputs(row)}
              canSetPassword={mayAttempt('users.set-password', principal)}
            />
          )}
          {controlRefusal === null && user.status !== 'deleting' && mayAttempt('users.access-key', principal) && (
            <AccessKeyPanel ownerName={principal.user.id === id ? null : name} reveal={revealAccessKeyAction.bind(null, id)} rotate={rotateAccessKeyAction.bind(null, id)} />
          )}
          {user.status !== 'deleting' && mayAttempt('users.delete', principal) && (
            <section aria-labelledby="delete-user-title" className="rounded-lg border border-red-200 bg-white p-4 text-sm sm:p-5">
              <h2 id="delete-user-title" className="text-sm font-semibold text-slate-900">
                Delete this user
              </h2>
              <p className="mt-1 mb-3 text-slate-600">Removes the account and everything it owns. It cannot be undone.</p>
              <DeleteUserButton user={{ id, name, email: user.email }} />
            </section>
          )}
        </aside>
        {controlRefusal === null ? (
          <EditUserForm
            userId={id}
            version={user.version}
            values={userFormValues(user)}
            timezones={listTimezones()}
            unchangeableStatus={settable ? undefined : user.status}
            fixedFields={principal.isAdmin ? [] : ['scope']}
          />
        ) : (
          <Alert tone="info" className="self-start">
            {controlRefusal}
          </Alert>
        )}
      </div>
      {controlRefusal === null && mayAttempt('users.sessions', principal) && (
        <div className="mt-6">
          <UserSessionsSection userId={id} name={name} />
        </div>
      )}
      <UserPermissionsSection user={{ id, email: user.email, status: user.status }} />
    </>
  );
}
