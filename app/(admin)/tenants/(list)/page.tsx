import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { NewTenantForm } from '@/components/tenants/new-tenant-form';
import { TenantsTable } from '@/components/tenants/tenants-table';
import { mayAttempt } from '@/lib/access/matrix';
import { requireOperation } from '@/lib/auth/session';
import { listTenantsFor } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  const principal = await requireOperation('tenants.list');
  const tenants = await listTenantsFor(principal);
  const mayManage = mayAttempt('tenants.manage', principal);

  return (
    <>
      <PageHeader title="Tenants" description={mayManage ? 'Organisations, their members and who administers them.' : 'The tenants you administer.'} />
      <div className="space-y-6">
        {mayManage && <NewTenantForm />}
        {tenants.length === 0 ? (
          <EmptyState title="No tenants yet">{mayManage && <p>Create the first one above, then add its members.</p>}</EmptyState>
        ) : (
          <TenantsTable tenants={tenants} mayManage={mayManage} />
        )}
      </div>
    </>
  );
}
