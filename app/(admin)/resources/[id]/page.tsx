import type { Metadata } from 'next';
import Link from 'next/link';
import { ResourcePermissionGrid } from '@/components/permissions/resource-permission-grid';
import { ResourceButtons } from '@/components/resources/resource-buttons';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { formatDate } from '@/lib/pages/format';
import { listResourcePermissions } from '@/lib/permissions/grants';
import { getResource } from '@/lib/permissions/resources';
import { listTenantsFor } from '@/lib/tenants/tenants';
import { holderRows } from '@/lib/permissions/grid-rows';

export const metadata: Metadata = { title: 'Resource' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function ResourcePage({ params, searchParams }: Props) {
  // Reading a resource's page shows who holds roles on it: both operations reach as far.
  const principal = await requireOperation('permissions.read');
  const { id } = await params;
  const resource = await foundOrNotFound(() => getResource(principal, id));
  const holders = await listResourcePermissions(principal, id);
  const tenants = (await listTenantsFor(principal)).map(({ id, slug, name }) => ({ id, slug, name }));
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
      <ResourcePermissionGrid resource={{ id, name: resource.name }} rows={await holderRows(principal, holders)} />
    </>
  );
}
