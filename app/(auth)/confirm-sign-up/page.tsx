import type { Metadata } from 'next';
import { AuthNotice } from '@/components/auth/auth-notice';
import { ConfirmSignUpForm } from '@/components/auth/confirm-sign-up-form';
import { confirmSignUpAction } from '@/lib/actions/confirm-sign-up';

// The code in this page's address must not travel to other sites in a Referer header.
export const metadata: Metadata = { title: 'Confirm your account', referrer: 'no-referrer' };

const deadLink = (
  <AuthNotice title="This link cannot be used" link={{ href: '/sign-in', label: 'Go to sign in' }}>
    <p>This confirmation link is invalid or has expired, or it was already used.</p>
    <p>If you already confirmed your account, sign in. Otherwise sign up again for a new link.</p>
  </AuthNotice>
);

/** Opened from the sign-up mail: the owner of the address confirms the account with the password they chose. */
export default async function ConfirmSignUpPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  if (typeof code !== 'string' || !code) return deadLink;
  return (
    <ConfirmSignUpForm
      code={code}
      action={confirmSignUpAction}
      done={
        <AuthNotice title="Your account is ready" link={{ href: '/sign-in', label: 'Sign in' }}>
          <p>Your email is confirmed. Sign in with it and your password.</p>
        </AuthNotice>
      }
      deadLink={deadLink}
    />
  );
}
