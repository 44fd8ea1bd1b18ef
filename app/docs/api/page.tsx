import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiReference } from '@/components/docs/api-reference';
import { ProblemTypes } from '@/components/docs/problem-types';
import { getConfig } from '@/lib/server/config';

export const metadata: Metadata = { title: 'API reference' };

/**
 * The REST API's reference: our own introduction and problem types, rendered on the server,
 * then the operations of /api/v1/openapi.json, rendered in the browser. Public, like the
 * document it shows.
 */
export default function ApiDocsPage() {
  const baseUrl = `${getConfig().appUrl}/api/v1`;
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <p className="text-sm font-semibold text-indigo-700">Gatehouse documentation</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">API reference</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-sm text-slate-700">
        <p>
          Base URL: <code className="font-mono text-slate-900">{baseUrl}</code>. Requests and answers are JSON; errors are problem details, explained under{' '}
          <a href="#problem-types" className="text-indigo-700 underline hover:text-indigo-900">Problem types</a>.
        </p>
        <p>
          To authenticate, send <code>POST /api/v1/auth/token</code> with your email or username and password, then send the token it returns as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>. Your access key (<code>gk_…</code>, from <code>GET /api/v1/me/access-key</code>) works in the same header and does not expire until it is rotated.
        </p>
        <p>
          Who may call what: <Link href="/docs/access" className="text-indigo-700 underline hover:text-indigo-900">Who may do what</Link>. The OpenAPI 3.1 document itself:{' '}
          <a href="/api/v1/openapi.json" download="gatehouse-openapi.json" className="text-indigo-700 underline hover:text-indigo-900">download openapi.json</a>.
        </p>
      </div>
      <nav aria-label="On this page" className="mt-4 text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li><a href="#problem-types" className="text-indigo-700 underline hover:text-indigo-900">Problem types</a></li>
          <li><a href="#operations" className="text-indigo-700 underline hover:text-indigo-900">Operations</a></li>
        </ul>
      </nav>
      {/* Above the operations: the browser scrolls to a problem's fragment before the reference below it has loaded. */}
      <ProblemTypes />
      <section aria-labelledby="operations" className="mt-10">
        <h2 id="operations" className="mb-4 text-lg font-semibold text-slate-900">Operations</h2>
        <ApiReference />
      </section>
    </main>
  );
}
