import { PROBLEMS } from '@/lib/api/errors';

/**
 * One section per problem the API answers with (unnamed, so they add no landmarks). Every
 * problem body's `type` is `/docs/api#problem-<code>`, so each section's id must stay
 * `problem-<code>`; rendered on the server so the browser finds the fragment before any script runs.
 */
export function ProblemTypes() {
  return (
    <section aria-labelledby="problem-types" className="mt-10">
      <h2 id="problem-types" className="text-lg font-semibold text-slate-900">
        Problem types
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Errors are answered as <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code> and{' '}
        <code>detail</code>; a validation failure adds <code>errors</code>, a list of <code>{'{path, message}'}</code>. Each <code>type</code> links to its entry here.
      </p>
      <div className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {/* Column names for wide screens; each entry names its parts itself for assistive technology and narrow screens. */}
        <div aria-hidden="true" className="hidden grid-cols-[16rem_1fr_1fr] gap-4 bg-slate-50 px-4 py-2 text-xs font-semibold text-slate-700 md:grid">
          <span>Problem</span>
          <span>What it means</span>
          <span>What to do</span>
        </div>
        {Object.entries(PROBLEMS).map(([code, problem]) => (
          <section
            key={code}
            id={`problem-${code}`}
            className="grid scroll-mt-4 gap-2 px-4 py-3 text-sm target:bg-indigo-50 target:outline-2 target:outline-indigo-600 md:grid-cols-[16rem_1fr_1fr] md:gap-4"
          >
            <div>
              <h3 className="flex flex-wrap items-baseline gap-x-2 font-semibold text-slate-900">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{problem.status}</span>
                {problem.title}
              </h3>
              <p className="mt-1 break-all font-mono text-xs text-slate-600">#problem-{code}</p>
            </div>
            <dl className="contents">
              <div>
                <dt className="font-medium text-slate-800 md:sr-only">What it means</dt>
                <dd className="text-slate-700">{problem.explanation}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-800 md:sr-only">What to do</dt>
                <dd className="text-slate-700">{problem.remedy}</dd>
              </div>
            </dl>
          </section>
        ))}
      </div>
    </section>
  );
}
