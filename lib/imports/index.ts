export { importFormatOf, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportFormat } from './parse';
export type { ImportMode } from './plan';
export type { ImportRowOutcome } from './rows';
export { cancelImport, dryRunImport, getImport, importReport, listImports, startImport, type ImportDryRun, type ImportOptions, type ImportRowReport } from './imports';
export { importReportCsv, importReportFileName, IMPORT_REPORT_COLUMNS } from './report-csv';
export { importJobHandler } from './job';
