import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Resources' };

export default async function ResourcesPage() {
  await requireAdmin();
  return <ComingSoon title="Resources" description="What permissions are granted on." plan="Resources and per-user permission grids arrive with the permissions capability." />;
}
