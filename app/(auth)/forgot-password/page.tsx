import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold text-slate-900">Forgot your password?</h1>
      <p className="text-sm text-slate-600">
        Password recovery by email is coming. Until then, ask an administrator to reset your password.
      </p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm text-indigo-700 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
