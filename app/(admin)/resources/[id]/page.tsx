import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ResourcePermissionGrid } from '@/components/permissions/resource-permission-grid';
import { ResourceButtons } from '@/components/resources/resource-buttons';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { requireOperation } from '@/lib/auth/session';
import { formatDate } from '@/lib/format';
import { listResourcePermissions } from '@/lib/permissions';
import { getResource } from '@/lib/resources';
import { listTenantsFor } from '@/lib/tenants';
import { holderRows } from '@/lib/permission-grid/rows';

export const metadata: Metadata = { title: 'Resource' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

/** The resource, or the not-found page: another tenant's resource answers like one that does not exist. */
function reachableResource(principal: Principal, id: string) {
  try {
    return getResource(principal, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export default async function ResourcePage({ params, searchParams }: Props) {
  // Reading a resource's page shows who holds roles on it: both operations reach as far.
  const principal = await requireOperation('permissions.read');
  const { id } = await params;
  const resource = reachableResource(principal, id);
  const holders = listResourcePermissions(principal, id);
  const tenants = listTenantsFor(principal).map(({ id, slug, name }) => ({ id, slug, name }));
  const tenant = tenants.find((candidate) => candidate.id === resource.tenantId);
  const where = tenant ? `in ${tenant.name} (${tenant.slug})` : 'global: system admins manage its roles';
  const created = (await searchParams).created === '1';

  return (
    <>
      <Link href="/resources" className="text-sm text-indigo-700 hover:underline">
        ← Resources
      </Link>
      <PageHeader title={resource.name} description={`A ${resource.kind}, ${where}. Created ${formatDate(resource.createdAt)}.`}>
        <ResourceButtons resource={resource} tenants={tenants} allowGlobal={principal.isAdmin} />
      </PageHeader>
      {created && (
        <Alert tone="info" className="mb-5">
          Resource created. Add the people who may use it below, and choose their roles.
        </Alert>
      )}
      <ResourcePermissionGrid resource={{ id, name: resource.name }} rows={holderRows(principal, holders)} />
    </>
  );
}
