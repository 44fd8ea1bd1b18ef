/** A placeholder for the endpoint and its deliveries while they are read; the settings tabs stay in place. */
export default function WebhookLoading() {
  return (
    <div role="status" aria-label="Loading the endpoint" className="animate-pulse space-y-3">
      <div className="h-5 w-48 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: 4 }, (_, row) => (
          <div key={row} className="h-10 rounded bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
