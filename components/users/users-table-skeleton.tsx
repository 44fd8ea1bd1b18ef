/** The users page's shape while its first rows load. */
export function UsersTableSkeleton() {
  return (
    <div role="status" aria-label="Loading users" className="animate-pulse">
      <div className="mb-6 flex items-end justify-between">
        <div className="h-7 w-28 rounded bg-slate-200" />
        <div className="h-9 w-48 rounded bg-slate-200" />
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className={i === 0 ? 'col-span-2 h-14 rounded bg-slate-200 md:col-span-1' : 'h-14 rounded bg-slate-200'} />
        ))}
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-11 bg-slate-100/70" />
        ))}
      </div>
      <span className="sr-only">Loading users…</span>
    </div>
  );
}
