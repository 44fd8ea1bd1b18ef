/** A settings tab's placeholder while its table is read: the tabs around it stay in place. */
export function SettingsTableLoading({ label, rows, rowHeight = 'h-8' }: { label: string; rows: number; rowHeight?: 'h-8' | 'h-10' }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-3">
      <div className="h-5 w-48 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className={`${rowHeight} rounded bg-slate-100`} />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
