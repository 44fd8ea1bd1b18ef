import { formatDateTime } from '@/lib/pages/format';
import type { UserStatus } from '@/lib/users/status';
import { UserStatusBadge } from './user-status-badge';

type UserFactsProps = {
  user: { id: string; status: UserStatus; createdAt: Date; updatedAt: Date; lastSignInAt: Date | null };
  tenants: { id: string; name: string; role: 'admin' | 'user' }[];
};

/** What the edit form does not change: the id, the record's dates and the tenants the user is in. */
export function UserFacts({ user, tenants }: UserFactsProps) {
  return (
    <section aria-labelledby="user-facts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm sm:p-5">
      <h2 id="user-facts-title" className="text-sm font-semibold text-slate-900">
        About this user
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2.5 lg:grid-cols-1 lg:gap-y-1">
        <Fact term="ID">
          <code className="text-xs break-all text-slate-700">{user.id}</code>
        </Fact>
        <Fact term="Status">
          <UserStatusBadge status={user.status} />
        </Fact>
        <Fact term="Created">{formatDateTime(user.createdAt)}</Fact>
        <Fact term="Updated">{formatDateTime(user.updatedAt)}</Fact>
        <Fact term="Last sign-in">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}</Fact>
        <Fact term="Tenants">
          {tenants.length === 0 ? (
            'None'
          ) : (
            <ul className="space-y-0.5">
              {tenants.map((tenant) => (
                <li key={tenant.id}>
                  {tenant.name} <span className="text-slate-500">({tenant.role})</span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 lg:mt-2">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
