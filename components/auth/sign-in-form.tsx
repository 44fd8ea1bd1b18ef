'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { signInAction } from '@/lib/actions/sign-in';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [failure, formAction, pending] = useActionState(signInAction, null);
  // React empties the form after the action; the identifier comes back as typed.
  const [identifier, setIdentifier] = useState('');
  const errorOf = (field: string) => failure?.fieldErrors.find(({ path }) => path === field)?.message;
  const identifierError = errorOf('identifier');
  const passwordError = errorOf('password');
  return (
    <form action={formAction} onSubmit={(event) => setIdentifier(String(new FormData(event.currentTarget).get('identifier') ?? ''))} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {failure && !identifierError && !passwordError && (
        <Alert id="sign-in-error" aria-label="Sign-in error">
          {failure.message}
        </Alert>
      )}
      <div>
        <Label htmlFor="identifier">Email or username</Label>
        <Input
          id="identifier"
          name="identifier"
          autoComplete="username"
          autoFocus
          required
          defaultValue={identifier}
          aria-invalid={Boolean(identifierError)}
          aria-describedby={identifierError ? 'identifier-error' : undefined}
        />
        {identifierError && (
          <p id="identifier-error" className="mt-1 text-sm text-red-700">
            {identifierError}
          </p>
        )}
      </div>
      <div>
        <div className="mb-1 flex items-baseline justify-between">
          <Label htmlFor="password" className="mb-0">
            Password
          </Label>
          <Link href="/forgot-password" className="text-sm text-indigo-700 hover:underline">
            Forgot password?
          </Link>
        </div>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(passwordError)}
          aria-describedby={passwordError ? 'password-error' : undefined}
        />
        {passwordError && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {passwordError}
          </p>
        )}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
