'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { checkNewPassword } from '@/components/auth/new-password-check';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { ShownInPlace } from '@/components/auth/shown-in-place';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { changeOwnPasswordAction } from '@/lib/actions/account';
import type { PasswordPolicy } from '@/lib/passwords/rules';

type ChangePasswordValues = { oldPassword: string; newPassword: string; confirm: string };

function changePasswordSchema(policy: PasswordPolicy) {
  return z.object({ oldPassword: z.string(), newPassword: z.string(), confirm: z.string() }).superRefine(({ oldPassword, newPassword, confirm }, ctx) => {
    if (!oldPassword) ctx.addIssue({ code: 'custom', path: ['oldPassword'], message: 'Enter your current password.' });
    const problems = checkNewPassword(newPassword, confirm, policy);
    if (problems.password) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: problems.password });
    if (problems.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: problems.confirm });
  });
}

type ChangePasswordFormProps = {
  policy: PasswordPolicy;
  username: string;
  /** The user's email and names: easy guesses the strength hint warns about. */
  userInputs: string[];
  /** The page was reached by a successful change (the action redirects back here). */
  justChanged: boolean;
};

/** The account page's password change. */
export function ChangePasswordForm({ policy, username, userInputs, justChanged }: ChangePasswordFormProps) {
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema(policy)),
    defaultValues: { oldPassword: '', newPassword: '', confirm: '' },
  });
  const { isSubmitting, errors } = form.formState;
  const [changed, setChanged] = useState(justChanged);

  // The news is for this one showing: a reload should not repeat it.
  useEffect(() => {
    if (justChanged) window.history.replaceState(null, '', '/account');
  }, [justChanged]);

  // On success the action redirects back to this page, afresh; it only returns to say what to fix.
  const onSubmit = form.handleSubmit(async ({ oldPassword, newPassword }) => {
    setChanged(false);
    const failure = await changeOwnPasswordAction({ oldPassword, newPassword });
    showFormFailure(form, failure, ['oldPassword', 'newPassword'], { summary: 'unless-marked' });
  });

  const oldError = errors.oldPassword?.message;
  const confirmError = errors.confirm?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      {changed && (
        <ShownInPlace>
          <Alert tone="success">Password changed. You were signed out everywhere else.</Alert>
        </ShownInPlace>
      )}
      {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
      {/* Lets a password manager file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <FormField id="current-password" label="Current password" error={oldError}>
        <Input type="password" autoComplete="current-password" {...fieldDescription('current-password', { error: oldError })} {...form.register('oldPassword')} />
      </FormField>
      <NewPasswordField label="New password" policy={policy} userInputs={userInputs} error={errors.newPassword?.message} {...form.register('newPassword')} />
      <FormField id="confirm-new-password" label="Confirm new password" error={confirmError}>
        <Input type="password" autoComplete="new-password" {...fieldDescription('confirm-new-password', { error: confirmError })} {...form.register('confirm')} />
      </FormField>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Changing password…' : 'Change password'}
      </Button>
    </form>
  );
}
