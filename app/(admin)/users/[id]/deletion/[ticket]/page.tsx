import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { DeletionProgress } from '@/components/users/deletion-progress';
import { toDeletionView } from '@/lib/deletion/view';
import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { getDeletionStatus } from '@/lib/deletion/requests';
import { LAST_CANCELLABLE_STEP } from '@/lib/deletion/steps';
import { formatDateTime } from '@/lib/pages/format';
import { displayName, getUserById } from '@/lib/users/users';

export const metadata: Metadata = { title: 'User deletion' };

/**
 * A deletion's live progress. The job outlives the user row, so this page still works (and
 * says how it ended) after the user is gone, for whoever opens it.
 */
type Props = { params: Promise<{ id: string; ticket: string }>; searchParams: Promise<{ name?: string | string[] }> };

export default async function UserDeletionPage({ params, searchParams }: Props) {
  await requireOperation('users.delete');
  const { id, ticket } = await params;
  const deletion = await foundOrNotFound(() => getDeletionStatus(id, ticket));
  const user = await getUserById(id);
  // Once the row is gone, the name the confirming admin saw (passed along by the dialog), if any.
  const passedName = (await searchParams).name;
  const name = user ? displayName(user) : typeof passedName === 'string' && passedName.trim() ? passedName.trim().slice(0, 200) : null;

  return (
    <>
      <Link href="/users/deletions" className="text-sm text-indigo-700 hover:underline">
        ← Deletions
      </Link>
      <PageHeader
        title={name ? `Deletion of ${name}` : 'Deletion of a user'}
        description={`${user ? user.email : `User ${id}`} · requested ${formatDateTime(deletion.requestedAt)}`}
      />
      <DeletionProgress initial={toDeletionView(deletion)} userName={name} cancellableUntilStep={LAST_CANCELLABLE_STEP} />
    </>
  );
}
