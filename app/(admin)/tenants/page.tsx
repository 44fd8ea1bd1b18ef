import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  await requireAdmin();
  return <ComingSoon title="Tenants" description="Organisations and their members." plan="Creating tenants and managing their members arrives with the tenants capability." />;
}
