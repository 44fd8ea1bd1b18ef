'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { resendInvitationAction, sendResetLinkAction } from '@/lib/actions/user-passwords';
import type { FormResult } from '@/lib/pages/form-result';
import type { PasswordPolicy } from '@/lib/passwords/rules';
import { SetPasswordDialog } from './set-password-dialog';

type UserPasswordPanelProps = {
  user: { id: string; name: string; email: string; status: 'active' | 'pending' | 'suspended' | 'locked' };
  policy: PasswordPolicy;
  userInputs: string[];
  /** System admins set passwords and mail reset links; a tenant admin only resends invitations. */
  canSetPassword: boolean;
};

type Notice = { tone: 'success' | 'error'; message: string };

/**
 * The user page's password actions. Mailing a reset link comes first: the user then chooses a
 * password nobody else knows. A pending user is waiting for their invitation instead.
 */
export function UserPasswordPanel({ user, policy, userInputs, canSetPassword }: UserPasswordPanelProps) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [mailing, startMailing] = useTransition();
  const reasonId = `user-password-reason-${user.id}`;

  const mail = (action: (id: string) => Promise<FormResult<{ message: string }>>) => {
    setNotice(null);
    startMailing(async () => {
      const result = await action(user.id);
      setNotice({ tone: result.ok ? 'success' : 'error', message: result.message });
    });
  };

  return (
    <section aria-labelledby="user-password-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm sm:p-5">
      <h2 id="user-password-title" className="text-sm font-semibold text-slate-900">
        Password
      </h2>
      {user.status === 'pending' ? (
        <>
          <p className="mt-2">
            <Badge tone="amber">Invitation pending</Badge>
          </p>
          <p className="mt-2 mb-3 text-slate-600">They cannot sign in until they choose a password from the invitation link. A new invitation replaces the earlier link.</p>
          <Button onClick={() => mail(resendInvitationAction)} disabled={mailing}>
            {mailing ? 'Sending…' : 'Resend invitation'}
          </Button>
        </>
      ) : !canSetPassword ? null : user.status === 'active' ? (
        <>
          <p className="mt-1 mb-3 text-slate-600">Recommended: mail them a link to choose a new password themselves. Nobody else learns it.</p>
          <Button onClick={() => mail(sendResetLinkAction)} disabled={mailing}>
            {mailing ? 'Sending…' : 'Email a reset link'}
          </Button>
        </>
      ) : (
        <>
          <p id={reasonId} className="mt-1 mb-3 text-slate-600">
            This user is {user.status}, so a reset link would not let them sign in. Set their status to active first.
          </p>
          <Button disabled aria-describedby={reasonId}>
            Email a reset link
          </Button>
        </>
      )}
      {notice && (
        <Alert tone={notice.tone} className="mt-3 wrap-anywhere">
          {notice.message}
        </Alert>
      )}
      {canSetPassword && (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <p className="mb-2 text-slate-600">Or choose a password for them and tell it to them yourself.</p>
          <Button variant="secondary" onClick={() => setDialogOpen(true)}>
            Set a password…
          </Button>
        </div>
      )}
      {dialogOpen && (
        <SetPasswordDialog
          user={user}
          policy={policy}
          userInputs={userInputs}
          onClose={() => setDialogOpen(false)}
          onDone={(message) => {
            setDialogOpen(false);
            setNotice({ tone: 'success', message });
          }}
        />
      )}
    </section>
  );
}
