import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportProgress } from '@/components/imports/import-progress';
import { PageHeader } from '@/components/ui/page-header';
import { requireOperation } from '@/lib/auth/session';
import { getImport } from '@/lib/imports';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { formatDateTime } from '@/lib/pages/format';
import { displayName, getUserById } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Import' };

/** One import's live progress, and its report once it has finished. */
export default async function ImportJobPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireOperation('users.import');
  const { id } = await params;
  const job = await foundOrNotFound(() => getImport(id, principal));
  const requester = job.requestedBy ? await getUserById(job.requestedBy) : null;

  return (
    <>
      <Link href="/users/import" className="text-sm text-indigo-700 hover:underline">
        ← Imports
      </Link>
      <PageHeader title="Import of users" description={`Started ${formatDateTime(job.createdAt)}${requester ? ` by ${displayName(requester)}` : ''} · ${job.id}`} />
      <ImportProgress initial={job} />
    </>
  );
}
