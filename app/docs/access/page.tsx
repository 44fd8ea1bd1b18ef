import type { Metadata } from 'next';
import { OPERATIONS, RESOURCE_ROLES, type Reach } from '@/lib/access/matrix';

export const metadata: Metadata = { title: 'Who may do what' };

const REACH_LABELS: Record<Reach, string> = {
  public: 'Anyone',
  user: 'Any signed-in user, on their own account',
  tenant: 'Tenant admins, in their own tenants; system admins',
  admin: 'System admins only',
};

/** The access matrix as people read it: rendered from lib/access/matrix.ts, so it cannot drift from what the server enforces. */
export default function AccessDocsPage() {
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <p className="text-sm font-semibold text-indigo-700">Gatehouse documentation</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Who may do what</h1>
      <p className="mt-2 text-sm text-slate-600">
        Every API route and admin page checks this table. A tenant admin who asks about another tenant’s user, resource or membership
        gets 404, exactly as for an id that does not exist. System admins hold the scope <code>admin</code>; tenant admins hold the role{' '}
        <code>admin</code> in a tenant.
      </p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Operations and who may perform them</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-semibold">Operation</th>
              <th scope="col" className="px-4 py-2 font-semibold">What it does</th>
              <th scope="col" className="px-4 py-2 font-semibold">Who may</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {Object.entries(OPERATIONS).map(([operation, { reach, summary }]) => (
              <tr key={operation}>
                <td className="px-4 py-2 font-mono text-xs text-slate-800">{operation}</td>
                <td className="px-4 py-2 text-slate-700">{summary}</td>
                <td className="px-4 py-2 text-slate-700">{REACH_LABELS[reach]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-10 text-lg font-semibold text-slate-900">Roles on a resource</h2>
      <p className="mt-1 text-sm text-slate-600">Each role includes the ones above it. A grant may expire; an expired grant counts nowhere.</p>
      <dl className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {Object.entries(RESOURCE_ROLES).map(([role, meaning]) => (
          <div key={role} className="grid grid-cols-1 gap-1 px-4 py-2 sm:grid-cols-4">
            <dt className="font-mono text-xs text-slate-800 sm:text-sm">{role}</dt>
            <dd className="text-sm text-slate-700 sm:col-span-3">{meaning}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
