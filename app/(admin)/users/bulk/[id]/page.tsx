import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { BulkActionReportView } from '@/components/users/bulk-action-report';
import { requireOperation } from '@/lib/auth/session';
import { BULK_ACTIONS } from '@/lib/bulk/actions';
import { getBulkActionReport } from '@/lib/bulk/report';
import { isFinished } from '@/lib/jobs/jobs';
import { formatDateTime } from '@/lib/pages/format';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { findTenant } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Bulk action' };

const REFUSED_PER_PAGE = 100;
const REFRESH_MS = 1000;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A bulk action's progress (live while it runs, with Cancel) and the users it refused, with why, a page at a time. */
export default async function BulkActionPage({ params, searchParams }: Props) {
  const principal = await requireOperation('users.bulk');
  const { id } = await params;
  const { cursor } = await searchParams;
  const validCursor = typeof cursor === 'string' && /^\d{1,9}$/.test(cursor) ? cursor : undefined;
  // Another admin's job is as unknown as a made-up id.
  const report = await foundOrNotFound(() => getBulkActionReport(id, principal, { cursor: validCursor, limit: REFUSED_PER_PAGE }));
  const tenant = report.tenantId ? await findTenant(report.tenantId) : undefined;
  const argument = report.scope ? ` “${report.scope}”` : tenant ? `: ${tenant.name}` : '';

  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title={`Bulk action: ${BULK_ACTIONS[report.action].verb}${argument}`} description={`Asked ${formatDateTime(report.createdAt)}`} />
      <AutoRefresh enabled={!isFinished(report)} intervalMs={REFRESH_MS} />
      <BulkActionReportView report={report} firstPage={validCursor === undefined} />
    </>
  );
}
