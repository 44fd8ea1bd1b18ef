export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-indigo-700">Gatehouse</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
        <footer className="mt-6 text-center text-sm">
          {/* A full page load: /docs/api's policy admits its renderer's styles (proxy.ts). */}
          <a href="/docs/api" className="text-slate-600 underline hover:text-slate-900">
            API reference
          </a>
        </footer>
      </div>
    </main>
  );
}
