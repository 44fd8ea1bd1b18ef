import { Table, TableBody, TableLoadingRows } from '@/components/ui/table';

/** The users page's shape while its first rows load. */
export function UsersTableSkeleton() {
  return (
    <div role="status" aria-label="Loading users">
      <div className="mb-6 flex animate-pulse items-end justify-between">
        <div className="h-7 w-28 rounded bg-slate-200" />
        <div className="h-9 w-48 rounded bg-slate-200" />
      </div>
      <div className="mb-4 grid animate-pulse grid-cols-2 gap-3 md:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className={i === 0 ? 'col-span-2 h-14 rounded bg-slate-200 md:col-span-1' : 'h-14 rounded bg-slate-200'} />
        ))}
      </div>
      <Table caption="Users, loading">
        <TableBody>
          <TableLoadingRows rows={8} columns={6} />
        </TableBody>
      </Table>
      <span className="sr-only">Loading users…</span>
    </div>
  );
}
