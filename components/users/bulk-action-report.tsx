import Link from 'next/link';
import { JobStatusBadge } from '@/components/ui/job-status-badge';
import { Table, TableBody, TableCell, TableEmptyRow, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { BULK_ACTIONS, bulkSummary, usersCount } from '@/lib/bulk/actions';
import type { BulkActionReport } from '@/lib/bulk/report';
import { isFinished } from '@/lib/jobs/jobs';
import { BulkActionCancelButton } from './bulk-action-cancel-button';
import { BulkActionProgressBar } from './bulk-action-progress-bar';

/** A bulk action's progress and outcome counts, and a page of the users it refused with the reason for each. */
export function BulkActionReportView({ report, firstPage }: { report: BulkActionReport; firstPage: boolean }) {
  const finished = isFinished(report);
  const label = `${BULK_ACTIONS[report.action].running} ${usersCount(report.stepsTotal)}`;
  return (
    <div className="space-y-6">
      <section aria-label="Progress" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <div className="flex flex-wrap items-center gap-3">
          <JobStatusBadge status={report.status} />
          <p className="mr-auto text-slate-700">
            {report.stepsDone.toLocaleString('en-US')} of {usersCount(report.stepsTotal)} done
          </p>
          {!finished && <BulkActionCancelButton id={report.id} cancelRequested={report.cancelRequested} />}
        </div>
        <BulkActionProgressBar status={report.status} stepsDone={report.stepsDone} stepsTotal={report.stepsTotal} label={label} />
        <dl className="grid grid-cols-3 gap-2 text-center">
          {(
            [
              ['Changed', report.counts.done],
              ['Already so', report.counts.unchanged],
              ['Refused', report.counts.refused],
            ] as const
          ).map(([term, value]) => (
            <div key={term} className="rounded-md bg-slate-50 px-2 py-2">
              <dt className="text-xs text-slate-600">{term}</dt>
              <dd className="text-lg font-semibold text-slate-900">{value.toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
        {finished && <p className="text-slate-700">{bulkSummary(report.action, report.status, report.counts)}</p>}
        {report.error && <p className="text-red-700">{report.error}</p>}
      </section>
      <Table caption="Refused users">
        <TableHeader>
          <tr>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Why it was refused</TableHeaderCell>
          </tr>
        </TableHeader>
        <TableBody>
          {report.refused.length === 0 ? (
            <TableEmptyRow colSpan={2}>{firstPage ? (finished ? 'No user was refused.' : 'No user refused so far.') : 'No more refused users.'}</TableEmptyRow>
          ) : (
            report.refused.map((row, index) => (
              <TableRow key={`${row.userId}-${index}`}>
                <TableCell className="max-w-72 truncate">
                  {row.email && row.userId ? (
                    <Link href={`/users/${row.userId}`} className="text-indigo-700 hover:underline" title={row.email}>
                      {row.email}
                    </Link>
                  ) : (
                    <span className="font-mono text-slate-600">{row.userId}</span>
                  )}
                </TableCell>
                <TableCell className="whitespace-normal text-slate-700">{row.reason}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {(report.nextCursor || !firstPage) && (
        <nav aria-label="Refused users pages" className="flex gap-4 text-sm">
          {!firstPage && (
            <Link href={`/users/bulk/${report.id}`} className="text-indigo-700 hover:underline">
              First page
            </Link>
          )}
          {report.nextCursor && (
            <Link href={`/users/bulk/${report.id}?cursor=${report.nextCursor}`} className="text-indigo-700 hover:underline">
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
