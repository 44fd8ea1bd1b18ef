'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { isDeadLink } from '@/lib/actions/choose-password';
import type { FormResult } from '@/lib/pages/form-result';
import type { PasswordPolicy } from '@/lib/passwords/rules';
import { checkNewPassword } from './new-password-check';
import { NewPasswordField } from './new-password-field';
import { ShownInPlace } from './shown-in-place';

type ChoosePasswordValues = { password: string; confirm: string };

function choosePasswordSchema(policy: PasswordPolicy) {
  return z.object({ password: z.string(), confirm: z.string() }).superRefine(({ password, confirm }, ctx) => {
    for (const [path, message] of Object.entries(checkNewPassword(password, confirm, policy))) {
      if (message) ctx.addIssue({ code: 'custom', path: [path], message });
    }
  });
}

type ChoosePasswordFormProps = {
  /** The code from the mailed link. */
  code: string;
  action: (input: { code: string; password: string }) => Promise<FormResult>;
  policy: PasswordPolicy;
  /** Who the password is for, when known: for password managers, and as easy guesses to warn about. */
  email?: string;
  submitLabel: string;
  pendingLabel: string;
  /** The heading and text above the form. */
  intro: React.ReactNode;
  /** What replaces the form once the password is set. */
  done: React.ReactNode;
  /** What replaces it when the link turns out to be dead. */
  deadLink: React.ReactNode;
};

/** Choosing a password with a mailed code: the reset-password and accept-invitation pages. */
export function ChoosePasswordForm({ code, action, policy, email, submitLabel, pendingLabel, intro, done, deadLink }: ChoosePasswordFormProps) {
  const form = useForm<ChoosePasswordValues>({ resolver: zodResolver(choosePasswordSchema(policy)), defaultValues: { password: '', confirm: '' } });
  const { isSubmitting, errors } = form.formState;
  const [finished, setFinished] = useState<'done' | 'dead-link'>();

  const onSubmit = form.handleSubmit(async ({ password }) => {
    const result = await action({ code, password });
    if (result.ok) setFinished('done');
    else if (isDeadLink(result)) setFinished('dead-link');
    else showFormFailure(form, result, ['password'], { summary: 'unless-marked' });
  });

  if (finished) return <ShownInPlace>{finished === 'done' ? done : deadLink}</ShownInPlace>;
  return (
    <>
      {intro}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
        {/* Lets a password manager file the new password under the right account. */}
        {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
        <NewPasswordField label="New password" policy={policy} userInputs={email ? [email] : []} error={errors.password?.message} {...form.register('password')} />
        <FormField id="confirm-password" label="Confirm new password" error={errors.confirm?.message}>
          <Input type="password" autoComplete="new-password" {...fieldDescription('confirm-password', { error: errors.confirm?.message })} {...form.register('confirm')} />
        </FormField>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? pendingLabel : submitLabel}
        </Button>
      </form>
    </>
  );
}
