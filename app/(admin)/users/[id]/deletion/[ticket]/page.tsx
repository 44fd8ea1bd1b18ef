import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { DeletionProgress } from '@/components/users/deletion-progress';
import { toDeletionView } from '@/lib/deletion-view';
import { ApiError } from '@/lib/api/errors';
import { requireOperation } from '@/lib/auth/session';
import { DELETION_STEPS, getDeletionStatus, type DeletionStatus } from '@/lib/deletions';
import { formatDateTime } from '@/lib/format';
import { displayName, getUserById } from '@/lib/users';

export const metadata: Metadata = { title: 'User deletion' };

/** Steps up to and including this one can be cancelled; after it the account row is gone. */
const CANCELLABLE_UNTIL_STEP = DELETION_STEPS.findIndex((step) => step.name === 'delete-user');

function readDeletion(userId: string, ticket: string): DeletionStatus {
  try {
    return getDeletionStatus(userId, ticket);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/**
 * A deletion's live progress. The job outlives the user row, so this page still works (and
 * says how it ended) after the user is gone, for whoever opens it.
 */
type Props = { params: Promise<{ id: string; ticket: string }>; searchParams: Promise<{ name?: string | string[] }> };

export default async function UserDeletionPage({ params, searchParams }: Props) {
  await requireOperation('users.delete');
  const { id, ticket } = await params;
  const deletion = readDeletion(id, ticket);
  const user = getUserById(id);
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
      <DeletionProgress initial={toDeletionView(deletion)} userName={name} cancellableUntilStep={CANCELLABLE_UNTIL_STEP} />
    </>
  );
}
