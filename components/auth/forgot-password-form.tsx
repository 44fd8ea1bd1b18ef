'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { requestPasswordResetAction } from '@/lib/actions/forgot-password';
import { forgotPasswordSchema } from '@/lib/passwords/schemas';
import { AuthNotice } from './auth-notice';
import { ShownInPlace } from './shown-in-place';

type ForgotPasswordValues = z.input<typeof forgotPasswordSchema>;

export function ForgotPasswordForm() {
  const form = useForm<ForgotPasswordValues, unknown, z.output<typeof forgotPasswordSchema>>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: '' } });
  const { isSubmitting, errors } = form.formState;
  const [answer, setAnswer] = useState<string>();

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await requestPasswordResetAction(input);
    if (result.ok) setAnswer(result.answer);
    else showFormFailure(form, result, ['email'], { summary: 'unless-marked' });
  });

  if (answer) {
    return (
      <ShownInPlace>
        <AuthNotice title="Check your email" link={{ href: '/sign-in', label: 'Back to sign in' }}>
          <p>{answer}</p>
          <p>No mail after a few minutes? Look in your spam folder, or check the address and ask again.</p>
        </AuthNotice>
      </ShownInPlace>
    );
  }
  const emailError = errors.email?.message;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Forgot your password?</h1>
      <p className="mb-6 text-sm text-slate-600">Enter the email of your account. We will send you a link to choose a new password.</p>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
        <FormField id="email" label="Email" error={emailError}>
          <Input type="email" autoComplete="email" autoFocus {...fieldDescription('email', { error: emailError })} {...form.register('email')} />
        </FormField>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Sending…' : 'Send reset link'}
        </Button>
      </form>
      <Link href="/sign-in" className="mt-6 inline-block text-sm text-indigo-700 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
