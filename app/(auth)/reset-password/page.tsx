import type { Metadata } from 'next';
import { AuthNotice } from '@/components/auth/auth-notice';
import { ChoosePasswordForm } from '@/components/auth/choose-password-form';
import { INVALID_CODE_MESSAGE } from '@/lib/passwords/reset';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { resetPasswordAction } from '@/lib/actions/reset-password';

// The code in this page's address must not travel to other sites in a Referer header.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

const deadLink = (
  <AuthNotice title="This link cannot be used" link={{ href: '/forgot-password', label: 'Ask for a new link' }}>
    <p>{INVALID_CODE_MESSAGE}</p>
  </AuthNotice>
);

/**
 * Opened from the reset mail. Whether the code is still good is only known on submit: checking
 * it would need a lookup lib/ does not offer for reset codes, and it is single use anyway.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  if (typeof code !== 'string' || !code) return deadLink;
  return (
    <ChoosePasswordForm
      code={code}
      action={resetPasswordAction}
      policy={await getPasswordPolicy()}
      submitLabel="Change password"
      pendingLabel="Changing password…"
      intro={
        <>
          <h1 className="mb-1 text-xl font-semibold text-slate-900">Choose a new password</h1>
          <p className="mb-6 text-sm text-slate-600">Use a password you do not use anywhere else.</p>
        </>
      }
      done={
        <AuthNotice title="Password changed" link={{ href: '/sign-in', label: 'Sign in' }}>
          <p>Your password was changed, and every session of your account was ended.</p>
          <p>Sign in with your new password.</p>
        </AuthNotice>
      }
      deadLink={deadLink}
    />
  );
}
