import Link from 'next/link';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { BulkJobStatus } from '@/lib/jobs/jobs';
import { formatCount, formatDateTime } from '@/lib/pages/format';
import { importCounts, ImportProgressBar, ImportStatusBadge } from './import-job';

/** Recent imports, newest first: when, by whom, how far, what came of the rows; each links to its own page. */
export function ImportsTable({ imports, requesters }: { imports: BulkJobStatus[]; requesters: Map<string, string> }) {
  return (
    <Table caption="Recent imports">
      <TableHeader>
        <tr>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>By</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Progress</TableHeaderCell>
          <TableHeaderCell>Outcomes</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Details</span>
          </TableHeaderCell>
        </tr>
      </TableHeader>
      <TableBody>
        {imports.map((job) => {
          const counts = importCounts(job);
          const started = formatDateTime(job.createdAt);
          return (
            <TableRow key={job.id} className="align-middle">
              <TableCell className="whitespace-nowrap">
                <time dateTime={job.createdAt.toISOString()}>{started}</time>
              </TableCell>
              <TableCell className="max-w-48 truncate">{(job.requestedBy && requesters.get(job.requestedBy)) ?? <span className="text-slate-500 italic">a deleted user</span>}</TableCell>
              <TableCell>
                <ImportStatusBadge status={job.status} />
              </TableCell>
              <TableCell>
                <div className="flex min-w-32 items-center gap-2">
                  <ImportProgressBar job={job} label={`Import started ${started}`} size="small" />
                  <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
                    {formatCount(Math.min(job.stepsDone, job.stepsTotal))}/{formatCount(job.stepsTotal)}
                  </span>
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap text-slate-600">
                {formatCount(counts.created)} created · {formatCount(counts.updated)} updated · <span className={counts.error ? 'text-red-700' : undefined}>{formatCount(counts.error)} errors</span>
              </TableCell>
              <TableCell className="text-right whitespace-nowrap">
                <Link href={`/users/import/${job.id}`} className="font-medium text-indigo-700 hover:underline">
                  Details<span className="sr-only"> of the import started {started}</span>
                </Link>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
