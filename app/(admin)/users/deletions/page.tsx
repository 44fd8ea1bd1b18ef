import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DeletionProgressBar, DeletionStatusBadge } from '@/components/users/deletion-progress-bar';
import { isDeletionActive } from '@/lib/deletion-view';
import { requireOperation } from '@/lib/auth/session';
import { listDeletions, type DeletionStatus } from '@/lib/deletions';
import { formatDateTime } from '@/lib/format';
import { displayName, getUserById } from '@/lib/users';

export const metadata: Metadata = { title: 'Deletions' };

const RECENT = 50;
/** How far back a `?tickets=` link (a bulk delete's) is looked for. */
const SEARCHED_FOR_TICKETS = 1000;
const REFRESH_MS = 1000;

function outcome(deletion: DeletionStatus): string {
  switch (deletion.status) {
    case 'queued':
      return 'Waiting to start';
    case 'in-progress':
      return deletion.currentStepLabel ?? 'Finishing';
    case 'completed':
      return 'Deleted';
    case 'cancelled':
      return 'Cancelled; the user is suspended';
    case 'failed':
      return `Failed: ${deletion.error ?? 'unknown error'}`;
  }
}

/** Recent and running deletions, newest first; with `?tickets=a,b` only those (a bulk delete's). Refreshes while any runs. */
export default async function DeletionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperation('users.delete');
  const { tickets } = await searchParams;
  const wanted = typeof tickets === 'string' ? tickets.split(',').filter(Boolean) : [];
  const deletions = wanted.length ? listDeletions(SEARCHED_FOR_TICKETS).filter((deletion) => wanted.includes(deletion.ticket)) : listDeletions(RECENT);
  const users = new Map(
    [...new Set(deletions.map((deletion) => deletion.userId))].flatMap((id) => {
      const user = getUserById(id);
      return user ? [[id, { name: displayName(user), email: user.email }] as const] : [];
    }),
  );
  const running = deletions.some((deletion) => isDeletionActive(deletion.status));

  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title="Deletions" description={wanted.length ? 'The deletions you just started.' : 'Recent and running user deletions, newest first.'}>
        {wanted.length > 0 && (
          <Link href="/users/deletions" className="text-sm font-medium text-indigo-700 hover:underline">
            Show all deletions
          </Link>
        )}
      </PageHeader>
      <AutoRefresh enabled={running} intervalMs={REFRESH_MS} />
      {deletions.length === 0 ? (
        <EmptyState title={wanted.length ? 'These deletions were not found' : 'No deletions yet'}>
          <p>When you delete a user, the deletion runs in the background and shows here with its progress.</p>
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Deletions{running ? ' (updating while deletions run)' : ''}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2.5 font-semibold">User</th>
                  <th scope="col" className="px-3 py-2.5 font-semibold whitespace-nowrap">Requested</th>
                  <th scope="col" className="px-3 py-2.5 font-semibold">Status</th>
                  <th scope="col" className="px-3 py-2.5 font-semibold">Progress</th>
                  <th scope="col" className="px-3 py-2.5 font-semibold">Step or outcome</th>
                  <th scope="col" className="px-3 py-2.5">
                    <span className="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deletions.map((deletion) => {
                  const user = users.get(deletion.userId);
                  return (
                    <tr key={deletion.ticket} className="align-middle text-slate-700">
                      <td className="px-3 py-2">
                        {user ? (
                          <>
                            <Link href={`/users/${deletion.userId}`} className="block max-w-56 truncate font-medium text-indigo-700 hover:underline" title={user.name}>
                              {user.name}
                            </Link>
                            <span className="block max-w-56 truncate text-xs text-slate-500" title={user.email}>
                              {user.email}
                            </span>
                          </>
                        ) : (
                          <>
                            <span className="block text-slate-500 italic">Deleted user</span>
                            <code className="block text-xs text-slate-500">{deletion.userId}</code>
                          </>
                        )}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        <time dateTime={deletion.requestedAt.toISOString()}>{formatDateTime(deletion.requestedAt)}</time>
                      </td>
                      <td className="px-3 py-2">
                        <DeletionStatusBadge status={deletion.status} />
                      </td>
                      <td className="px-3 py-2">
                        <div className="flex min-w-32 items-center gap-2">
                          <DeletionProgressBar deletion={deletion} label={`Deleting ${user?.name ?? deletion.userId}`} size="small" />
                          <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
                            {deletion.stepsDone}/{deletion.stepsTotal}
                          </span>
                        </div>
                      </td>
                      <td className={deletion.status === 'failed' ? 'px-3 py-2 text-red-700' : 'px-3 py-2'}>{outcome(deletion)}</td>
                      <td className="px-3 py-2 text-right whitespace-nowrap">
                        <Link href={`/users/${deletion.userId}/deletion/${deletion.ticket}`} className="font-medium text-indigo-700 hover:underline">
                          Details<span className="sr-only"> of the deletion of {user?.name ?? deletion.userId}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
