import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { PageHeader } from '@/components/ui/page-header';
import { OwnSessionsSection } from '@/components/sessions/sessions-sections';
import { AccessKeyPanel } from '@/components/users/access-key-panel';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/pages/format';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { displayName, personalInputs } from '@/lib/users/users';
import { revealOwnAccessKeyAction, rotateOwnAccessKeyAction } from '@/lib/actions/account';
import { PASSWORD_CHANGED_PARAM } from '@/lib/passwords/change';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, scopes } = await requireUser();
  const changedAt = (await searchParams)[PASSWORD_CHANGED_PARAM];
  const rows: Array<[string, string]> = [
    ['Name', displayName(user)],
    ['Email', user.email],
    ['Username', user.username],
    ['Role', user.role],
    ['Scopes', scopes.join(', ') || 'None'],
    ['Status', user.status],
    ['Last sign-in', user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'],
    ['Member since', formatDateTime(user.createdAt)],
  ];
  return (
    <>
      <PageHeader title="Your account" description="Your profile as Gatehouse knows it." />
      <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="profile-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
          Profile
        </h2>
        <dl className="divide-y divide-slate-100">
          {rows.map(([label, value]) => (
            <div key={label} className="grid grid-cols-1 gap-1 px-4 py-3 sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm font-medium text-slate-600">{label}</dt>
              <dd className="break-words text-sm text-slate-900 sm:col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="password-heading" className="mt-6 rounded-lg border border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="password-heading" className="text-sm font-semibold text-slate-900">
            Change password
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">You stay signed in here; every other session of your account ends.</p>
        </div>
        <div className="px-4 py-4">
          {/* Each change comes back with its own time: a new key starts the form afresh, with the news. */}
          <ChangePasswordForm key={String(changedAt)} policy={await getPasswordPolicy()} username={user.username} userInputs={personalInputs(user)} justChanged={changedAt !== undefined} />
        </div>
      </section>
      <div className="mt-6">
        <AccessKeyPanel ownerName={null} reveal={revealOwnAccessKeyAction} rotate={rotateOwnAccessKeyAction} />
      </div>
      <div className="mt-6">
        <OwnSessionsSection />
      </div>
    </>
  );
}
