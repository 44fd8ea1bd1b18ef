import type { Metadata } from 'next';
import { InactivityPolicyForm } from '@/components/settings/inactivity-policy-form';
import { requireOperation } from '@/lib/auth/session';
import { getInactivityPolicy } from '@/lib/inactivity/settings';

export const metadata: Metadata = { title: 'Inactivity settings' };

export default async function InactivitySettingsPage() {
  await requireOperation('settings.manage');
  return (
    <section aria-labelledby="inactivity-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="inactivity-title" className="text-base font-semibold text-slate-900">
        Inactivity policy
      </h2>
      <p className="mt-1 mb-5 text-sm text-slate-600">Suspend accounts nobody has signed in to for a long time, after mailing their owners a warning.</p>
      <InactivityPolicyForm settings={await getInactivityPolicy()} />
    </section>
  );
}
