import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditTrail } from '@/components/audit/audit-trail';
import { PageHeader } from '@/components/ui/page-header';
import { auditScope, requireReadableUser } from '@/lib/access/tenant-scope';
import { loadAuditTable } from '@/lib/audit/page-data';
import { requireOperation } from '@/lib/auth/session';
import { displayName } from '@/lib/users/users';

export const metadata: Metadata = { title: 'Activity' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The events about a user and by them, with the audit page's table and filters. The layout answers 404 for users out of reach. */
export default async function UserActivityPage({ params, searchParams }: Props) {
  const principal = await requireOperation('audit.read');
  const { id } = await params;
  const user = await requireReadableUser(principal, id);
  const data = await loadAuditTable(await searchParams, { scope: auditScope(principal), aboutUser: user.id });
  return (
    <AuditTrail path={`/users/${id}/activity`} data={data} showTarget={false}>
      <Link href={`/users/${id}`} className="text-sm text-indigo-700 hover:underline">
        ← {displayName(user)}
      </Link>
      <PageHeader title={`Activity of ${displayName(user)}`} description={`What ${user.email} did, and what was done to their account.`} />
    </AuditTrail>
  );
}
