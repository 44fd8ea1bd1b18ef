import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { displayName } from '@/lib/users';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const { user, scopes } = await requireUser();
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
    </>
  );
}
