import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DeletionsTable } from '@/components/users/deletions-table';
import { requireOperation } from '@/lib/auth/session';
import { isDeletionActive } from '@/lib/deletion/view';
import { listDeletions } from '@/lib/deletion/requests';
import { displayName, getUserById } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Deletions' };

const RECENT = 50;
/** How far back a `?tickets=` link (a bulk delete's) is looked for. */
const SEARCHED_FOR_TICKETS = 1000;
const REFRESH_MS = 1000;

/** Recent and running deletions, newest first; with `?tickets=a,b` only those (a bulk delete's). Refreshes while any runs. */
export default async function DeletionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperation('users.delete');
  const { tickets } = await searchParams;
  const wanted = typeof tickets === 'string' ? tickets.split(',').filter(Boolean) : [];
  const deletions = wanted.length ? (await listDeletions(SEARCHED_FOR_TICKETS)).filter((deletion) => wanted.includes(deletion.ticket)) : await listDeletions(RECENT);
  const users = new Map<string, { name: string; email: string }>();
  for (const id of new Set(deletions.map((deletion) => deletion.userId))) {
    const user = await getUserById(id);
    if (user) users.set(id, { name: displayName(user), email: user.email });
  }
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
        <DeletionsTable deletions={deletions} users={users} running={running} />
      )}
    </>
  );
}
