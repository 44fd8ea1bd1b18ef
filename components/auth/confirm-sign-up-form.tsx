'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField, fieldDescription } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { isDeadLink } from '@/lib/actions/choose-password';
import type { FormResult } from '@/lib/pages/form-result';
import { ShownInPlace } from './shown-in-place';

type ConfirmSignUpFormProps = {
  code: string;
  action: (input: { code: string; password: string }) => Promise<FormResult>;
  done: React.ReactNode;
  deadLink: React.ReactNode;
};

/** The sign-up confirmation: the password chosen at sign-up proves the person who signed up owns this mailbox. */
export function ConfirmSignUpForm({ code, action, done, deadLink }: ConfirmSignUpFormProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  const [finished, setFinished] = useState<'done' | 'dead-link'>();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!password) return setError({ field: 'Enter the password you chose when you signed up.' });
    setSubmitting(true);
    const result = await action({ code, password });
    setSubmitting(false);
    if (result.ok) return setFinished('done');
    if (isDeadLink(result)) return setFinished('dead-link');
    const fieldMessage = result.fieldErrors.find(({ path }) => path === 'password')?.message;
    setError(fieldMessage ? { field: fieldMessage } : { form: result.message });
  }

  if (finished) return <ShownInPlace>{finished === 'done' ? done : deadLink}</ShownInPlace>;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Confirm your account</h1>
      <p className="mb-6 text-sm text-slate-600">Enter the password you chose when you signed up.</p>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {error.form && <Alert aria-label="Form error">{error.form}</Alert>}
        <FormField id="confirm-sign-up-password" label="Password" error={error.field}>
          <Input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...fieldDescription('confirm-sign-up-password', { error: error.field })}
          />
        </FormField>
        <Button type="submit" className="w-full" disabled={submitting}>
          {submitting ? 'Confirming…' : 'Confirm my account'}
        </Button>
      </form>
    </>
  );
}
