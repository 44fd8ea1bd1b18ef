import type { Metadata } from 'next';
import { PasswordPolicyForm } from '@/components/settings/password-policy-form';
import { requireOperation } from '@/lib/auth/session';
import { getPasswordPolicySettings } from '@/lib/passwords/policy-settings';

export const metadata: Metadata = { title: 'Password policy' };

export default async function PasswordPolicyPage() {
  await requireOperation('settings.manage');
  return (
    <section aria-labelledby="password-policy-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="password-policy-title" className="text-base font-semibold text-slate-900">
        Password policy
      </h2>
      <p className="mt-1 mb-5 text-sm text-slate-600">What every new password must meet: at sign-up, on reset, on change, and when an admin sets one.</p>
      <PasswordPolicyForm settings={await getPasswordPolicySettings()} />
    </section>
  );
}
