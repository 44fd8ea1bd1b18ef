import type { Metadata } from 'next';
import { AuditExportLinks } from '@/components/audit/audit-export-links';
import { AuditTrail } from '@/components/audit/audit-trail';
import { PageHeader } from '@/components/ui/page-header';
import { auditScope } from '@/lib/access/tenant-scope';
import { loadAuditTable } from '@/lib/audit/page-data';
import { requireOperation } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // A tenant admin reads the events of their tenants and their members.
  const principal = await requireOperation('audit.read');
  const data = await loadAuditTable(await searchParams, { scope: auditScope(principal) });
  return (
    <AuditTrail path="/audit" data={data}>
      <PageHeader title="Audit trail" description="Who changed what, when, and from where. Open an event to see each changed field.">
        <AuditExportLinks />
      </PageHeader>
    </AuditTrail>
  );
}
