import type { Metadata } from 'next';
import { AuditRetentionForm } from '@/components/settings/audit-retention-form';
import { getAuditRetentionSettings } from '@/lib/audit/retention-settings';
import { requireOperation } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit settings' };

export default async function AuditSettingsPage() {
  await requireOperation('settings.manage');
  return (
    <section aria-labelledby="audit-retention-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="audit-retention-title" className="text-base font-semibold text-slate-900">
        Audit retention
      </h2>
      <p className="mt-1 mb-5 text-sm text-slate-600">How long the audit trail keeps events before the daily retention job removes them.</p>
      <AuditRetentionForm settings={await getAuditRetentionSettings()} />
    </section>
  );
}
