import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { requireTenant } from '@/lib/tenants/tenants';

/**
 * An unknown tenant, or one the caller does not administer, answers a real 404: checked here,
 * above loading.tsx, because a streamed loading state fixes the status at 200. The not-found
 * page is tenants/not-found.tsx, one level up, where a layout's notFound() lands.
 */
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const principal = await requireOperation('tenant-members.list');
  const { tenant } = await params;
  await foundOrNotFound(() => requireTenant(principal, tenant));
  return children;
}
