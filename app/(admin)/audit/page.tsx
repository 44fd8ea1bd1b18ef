import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage() {
  await requireAdmin();
  return <ComingSoon title="Audit" description="Who did what, and when." plan="The audit trail viewer arrives with the audit capability." />;
}
