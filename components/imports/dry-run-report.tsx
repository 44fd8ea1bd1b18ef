'use client';

import { useId, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { Table, TableBody, TableCell, TableEmptyRow, TableHeader, TableHeaderCell, TablePagination, TableRow } from '@/components/ui/table';
import type { ImportDryRun } from '@/lib/imports';
import { importReportCsv } from '@/lib/imports/report-csv';
import { formatCount } from '@/lib/pages/format';
import { DownloadTextButton } from './download-text-button';
import { ImportCounts } from './import-counts';
import { OutcomeBadge } from './outcome-badge';

/** Rows drawn at once: a 100,000-row report is paged, so the tab stays quick. */
const PAGE_SIZE = 100;

type DryRunReportProps = {
  report: ImportDryRun;
  fileName: string;
  /** What may follow the check: the button that starts the import. */
  children: React.ReactNode;
};

/** The dry run's per-row report: counts per outcome, unknown columns, the rows (paged, errors only on demand) and a CSV download. */
export function DryRunReport({ report, fileName, children }: DryRunReportProps) {
  const titleId = useId();
  const filterId = useId();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(0);
  const rows = useMemo(() => (errorsOnly ? report.rows.filter((row) => row.outcome === 'error') : report.rows), [errorsOnly, report.rows]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  return (
    <section aria-labelledby={titleId} className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            What the import would do
          </h2>
          <p className="text-sm text-slate-600">
            {formatCount(report.rows.length)} {report.rows.length === 1 ? 'row' : 'rows'} in {fileName}, checked against the directory. Nothing was written.
          </p>
        </div>
        <DownloadTextButton text={() => importReportCsv(report.rows)} fileName={`${fileName.replace(/\.[^.]*$/, '')}-dry-run-report.csv`} type="text/csv">
          Download report (CSV)
        </DownloadTextButton>
      </div>

      <ImportCounts counts={report.counts} label="Dry-run outcomes" />

      {report.unknownColumns.length > 0 && (
        <Alert tone="info">
          Columns the import does not know: <strong>{report.unknownColumns.join(', ')}</strong>. A row with a value in one of them is an error: rename the column to one of Gatehouse’s, or remove it.
        </Alert>
      )}

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Checkbox
          id={filterId}
          checked={errorsOnly}
          onChange={(event) => {
            setErrorsOnly(event.target.checked);
            setPage(0);
          }}
        />
        <label htmlFor={filterId} className="cursor-pointer text-slate-800">
          Errors only ({formatCount(report.counts.error)})
        </label>
      </div>

      <Table
        caption={errorsOnly ? 'Rows with errors' : 'Every row and its outcome'}
        footer={
          rows.length > PAGE_SIZE && (
            <TablePagination
              first={page * PAGE_SIZE + 1}
              shown={shown.length}
              total={rows.length}
              page={page + 1}
              previous={page > 0 ? () => setPage(page - 1) : null}
              next={page + 1 < pages ? () => setPage(page + 1) : null}
              rangeTestId="dry-run-range"
            />
          )
        }
      >
        <TableHeader>
          <tr>
            <TableHeaderCell className="w-16 text-right">Row</TableHeaderCell>
            <TableHeaderCell>Email</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
            <TableHeaderCell>Problems</TableHeaderCell>
          </tr>
        </TableHeader>
        <TableBody>
          {shown.length === 0 ? (
            <TableEmptyRow colSpan={4}>{errorsOnly ? 'No row has an error.' : 'The file has no rows under its header.'}</TableEmptyRow>
          ) : (
            shown.map((row) => (
              <TableRow key={row.row} className="align-top">
                <TableCell className="text-right text-slate-500 tabular-nums">{row.row}</TableCell>
                <TableCell className="max-w-64 min-w-44 [overflow-wrap:anywhere]">{row.email ?? <span className="text-slate-500 italic">none</span>}</TableCell>
                <TableCell>
                  <OutcomeBadge outcome={row.outcome} />
                </TableCell>
                <TableCell className="min-w-56">
                  {row.errors.length > 0 && (
                    <ul className="space-y-0.5">
                      {row.errors.map((error, index) => (
                        <li key={index}>
                          {error.field && <code className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-700">{error.field}</code>}
                          <span className="text-red-800">{error.message}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">{children}</div>
    </section>
  );
}
