import { stringify } from 'csv-stringify/sync';
import type { ImportRowReport } from './imports';

export const IMPORT_REPORT_COLUMNS = ['row', 'email', 'outcome', 'field', 'message'] as const;

/**
 * The report as CSV, one line per error (a row without errors is one line with empty field and
 * message). A cell written by whoever made the file ("=HYPERLINK(...)" as an email) must not
 * run as a formula when an admin opens the report in a spreadsheet.
 */
export function importReportCsv(rows: ImportRowReport[]): string {
  const lines: string[][] = [];
  for (const { row, email, outcome, errors } of rows) {
    if (errors.length === 0) lines.push([String(row), email ?? '', outcome, '', '']);
    for (const { field, message } of errors) lines.push([String(row), email ?? '', outcome, field, message]);
  }
  return stringify([[...IMPORT_REPORT_COLUMNS], ...lines], { escape_formulas: true });
}

/** import-imp_….csv, for the download. */
export function importReportFileName(id: string): string {
  return `import-${id}-report.csv`;
}
