'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { signInAction, type SignInState } from '@/app/(auth)/sign-in/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.message && (
        <Alert id="sign-in-error" aria-label="Sign-in error">
          {state.message}
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
          defaultValue={state.identifier}
          aria-invalid={Boolean(state.fieldErrors?.identifier)}
          aria-describedby={state.fieldErrors?.identifier ? 'identifier-error' : undefined}
        />
        {state.fieldErrors?.identifier && (
          <p id="identifier-error" className="mt-1 text-sm text-red-700">
            {state.fieldErrors.identifier}
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
          aria-invalid={Boolean(state.fieldErrors?.password)}
          aria-describedby={state.fieldErrors?.password ? 'password-error' : undefined}
        />
        {state.fieldErrors?.password && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {state.fieldErrors.password}
          </p>
        )}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
