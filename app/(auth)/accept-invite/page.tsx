import type { Metadata } from 'next';
import { AuthNotice } from '@/components/auth/auth-notice';
import { ChoosePasswordForm } from '@/components/auth/choose-password-form';
import { findInvitedUser } from '@/lib/passwords/invitations';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { acceptInvitationAction } from '@/lib/actions/accept-invitation';

// The code in this page's address must not travel to other sites in a Referer header.
export const metadata: Metadata = { title: 'Accept your invitation', referrer: 'no-referrer' };

const deadLink = (
  <AuthNotice title="This invitation cannot be used" link={{ href: '/sign-in', label: 'Go to sign in' }}>
    <p>This invitation link is invalid or has expired, or it was already used.</p>
    <p>Ask your administrator to send a new invitation. If you already chose a password, sign in with it.</p>
  </AuthNotice>
);

/** Opened from the invitation mail: the invited user chooses their first password. */
export default async function AcceptInvitePage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  if (typeof code !== 'string' || !code) return deadLink;
  const invited = await findInvitedUser(code);
  if (!invited) return deadLink;
  return (
    <ChoosePasswordForm
      code={code}
      action={acceptInvitationAction}
      policy={await getPasswordPolicy()}
      email={invited.email}
      submitLabel="Set password"
      pendingLabel="Setting password…"
      intro={
        <>
          <h1 className="mb-1 text-xl font-semibold text-slate-900">Welcome to Gatehouse</h1>
          <p className="mb-6 text-sm text-slate-600">
            Choose a password for <span className="font-medium break-words text-slate-900">{invited.email}</span>.
          </p>
        </>
      }
      done={
        <AuthNotice title="Your password is set" link={{ href: '/sign-in', label: 'Sign in' }}>
          <p>
            Your account is ready. Sign in with <span className="font-medium break-words text-slate-900">{invited.email}</span> and your new password.
          </p>
        </AuthNotice>
      }
      deadLink={deadLink}
    />
  );
}
