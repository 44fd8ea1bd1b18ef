import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">The address may be mistyped, or the page has moved.</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Go to the start page
        </Link>
      </div>
    </main>
  );
}
