import { Table, TableBody, TableLoadingRows } from '@/components/ui/table';

/** The audit page's shape while its events load. */
export function AuditTableSkeleton() {
  return (
    <div role="status" aria-label="Loading events">
      <div className="mb-6 h-7 w-40 animate-pulse rounded bg-slate-200" />
      <div className="mb-4 grid animate-pulse grid-cols-2 gap-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-14 rounded bg-slate-200" />
        ))}
      </div>
      <Table caption="Audit events, loading">
        <TableBody>
          <TableLoadingRows rows={8} columns={6} />
        </TableBody>
      </Table>
      <span className="sr-only">Loading events…</span>
    </div>
  );
}
