import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/imports/import-form';
import { ImportsTable } from '@/components/imports/imports-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireOperation } from '@/lib/auth/session';
import { listImports } from '@/lib/imports';
import { displayName, getUserById } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Import users' };

/** Upload a file, check it with a dry run, start the import; below, the recent imports. */
export default async function ImportUsersPage() {
  const principal = await requireOperation('users.import');
  const imports = await listImports(principal);
  const requesters = new Map<string, string>();
  for (const id of new Set(imports.flatMap((job) => (job.requestedBy ? [job.requestedBy] : [])))) {
    const user = await getUserById(id);
    if (user) requesters.set(id, displayName(user));
  }

  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title="Import users" description="Create or update many users from a CSV, JSON or NDJSON file. Check the file first: nothing is written until you start the import." />
      <ImportForm />
      <section aria-labelledby="recent-imports-title" className="mt-10 space-y-3">
        <h2 id="recent-imports-title" className="text-lg font-semibold text-slate-900">
          Recent imports
        </h2>
        {imports.length === 0 ? (
          <EmptyState title="No imports yet">
            <p>When you start an import, it runs in the background and shows here with its progress and report.</p>
          </EmptyState>
        ) : (
          <ImportsTable imports={imports} requesters={requesters} />
        )}
      </section>
    </>
  );
}
