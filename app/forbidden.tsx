import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">You don’t have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">This part of Gatehouse is for administrators. Ask one if you need access.</p>
        <Link href="/account" className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Go to your account
        </Link>
      </div>
    </main>
  );
}
