'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { setPasswordAction } from '@/lib/actions/user-passwords';
import { basicPasswordProblems, type PasswordPolicy } from '@/lib/passwords/rules';
import { passwordSchema } from '@/lib/users/schemas';

/** The API's password rule, then the policy's length and classes, checked before sending; the common-password check is the server's. */
function setPasswordFormSchema(policy: PasswordPolicy) {
  return z.object({ password: passwordSchema }).superRefine(({ password }, ctx) => {
    const problem = basicPasswordProblems(password, policy)[0];
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
}
type SetPasswordValues = { password: string };

type SetPasswordDialogProps = {
  user: { id: string; name: string; status: string };
  policy: PasswordPolicy;
  /** The user's email and names, which the strength hint counts as easy guesses. */
  userInputs: string[];
  onClose: () => void;
  onDone: (message: string) => void;
};

/** The admin chooses a password for the user; the server applies the policy and ends the user's sessions. */
export function SetPasswordDialog({ user, policy, userInputs, onClose, onDone }: SetPasswordDialogProps) {
  const form = useForm<SetPasswordValues>({ resolver: zodResolver(setPasswordFormSchema(policy)), defaultValues: { password: '' } });
  const { isSubmitting, errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    const result = await setPasswordAction(user.id, { password });
    if (result.ok) {
      onDone(result.message);
      return;
    }
    showFormFailure(form, result, ['password'], { summary: 'unless-marked' });
  });

  return (
    <Dialog title={`Set a password for ${user.name}`} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4 text-sm">
        <p className="text-slate-700">
          {user.status === 'pending'
            ? 'They become active at once and their invitation link stops working.'
            : 'Their sessions end at once: they are signed out everywhere and sign in again with this password.'}{' '}
          They are mailed that their password changed; tell them the new one over a safe channel.
        </p>
        {errors.root?.server && <Alert>{errors.root.server.message}</Alert>}
        <NewPasswordField label="New password" policy={policy} userInputs={userInputs} error={errors.password?.message} autoFocus {...form.register('password')} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Setting…' : 'Set password'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
