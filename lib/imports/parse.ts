import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse as csvParser } from 'csv-parse';
import { ApiError } from '@/lib/api/errors';
import { nulCharacterInFile } from '@/lib/http/json';
import { timeSlicer } from '@/lib/server/time-slicer';

/**
 * Reading an import file (CSV with a header row, NDJSON, or a JSON array of objects) into
 * numbered records of raw values by column name. What the values mean is lib/imports/rows.ts's
 * business; this module only refuses files that cannot be read at all.
 */

export type ImportFormat = 'csv' | 'ndjson' | 'json';
export type ImportFile = { text: string; format: ImportFormat };

/** Enough for 200,000 rows with long names and hashes; a 100,000-row CSV is about 10-20 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

/** A record of the file: its row number as the report shows it, and its values by column as written; or why it could not be read. */
export type RawRecord = { row: number; values: Record<string, unknown> } | { row: number; problem: string };
export type ParsedFile = { columns: string[]; records: RawRecord[] };

const FORMAT_BY_MEDIA_TYPE: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
};
const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = { csv: 'csv', ndjson: 'ndjson', jsonl: 'ndjson', json: 'json' };

/** The format a Content-Type (`text/csv; charset=utf-8`) or a file name (`people.csv`) announces; null for anything else. */
export function importFormatOf(contentTypeOrFileName: string): ImportFormat | null {
  const value = contentTypeOrFileName.trim().toLowerCase();
  const mediaType = value.split(';', 1)[0].trim();
  if (FORMAT_BY_MEDIA_TYPE[mediaType]) return FORMAT_BY_MEDIA_TYPE[mediaType];
  const extension = /\.([a-z]+)$/.exec(value)?.[1];
  return extension ? (FORMAT_BY_EXTENSION[extension] ?? null) : null;
}

/**
 * Characters of CSV parsed before the event loop is handed back (a few milliseconds' work): a
 * 100,000-row file read in one go held up every other request of the process for a second.
 */
const CSV_CHARACTERS_PER_SLICE = 32 * 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

export async function parseImportFile({ text, format }: ImportFile): Promise<ParsedFile> {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new ApiError('payload-too-large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (text.includes('\uFFFD')) throw new ApiError('bad-request', 'The file is not valid UTF-8 text. Save it as UTF-8 (CSV UTF-8 in spreadsheets) and upload it again.');
  // The API's door refuses it before this; the page's server action sees the file only here.
  const nul = nulCharacterInFile(text);
  if (nul) throw new ApiError('validation-failed', nul, { errors: [{ path: 'file', message: nul }] });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ApiError('bad-request', 'The file is empty.');
  const parsed = format === 'csv' ? await parseCsvFile(body) : format === 'ndjson' ? await parseNdjsonFile(body) : parseJsonFile(body);
  if (parsed.records.length === 0) throw new ApiError('bad-request', 'The file has no rows to import.');
  if (parsed.records.length > MAX_IMPORT_ROWS) {
    throw new ApiError('payload-too-large', `The file has ${parsed.records.length.toLocaleString('en')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} at a time (split the file).`);
  }
  return parsed;
}

/**
 * Every row of a CSV text, parsed a slice at a time (the parser keeps a row cut by a slice's
 * end). The text goes in as text: encoding a 10 MB file to bytes first held the event loop for
 * 9 ms. A slice never ends between the two halves of a surrogate pair, which the stream would
 * encode each as U+FFFD.
 */
async function eachCsvRow(text: string, onRow: (cells: string[]) => void): Promise<void> {
  let failure: unknown = null;
  const parser = csvParser({ relax_column_count: true, skip_empty_lines: true, bom: true });
  parser.on('data', onRow);
  parser.on('error', (error) => (failure ??= error));
  for (let start = 0; start < text.length && !failure; ) {
    let end = Math.min(start + CSV_CHARACTERS_PER_SLICE, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    parser.write(text.slice(start, end));
    start = end;
    await yieldToEventLoop();
  }
  parser.end();
  await finished(parser).catch((error: unknown) => (failure ??= error));
  if (failure) {
    const reason = failure instanceof Error ? failure.message.replace(/^Invalid[^:]*:\s*/, '') : String(failure);
    throw new ApiError('bad-request', `The CSV file cannot be read: ${reason}`);
  }
}

async function parseCsvFile(text: string): Promise<ParsedFile> {
  let header: string[] | null = null;
  const records: RawRecord[] = [];
  // Each row becomes its record as it is parsed, so no step walks the whole file at once.
  await eachCsvRow(text, (cells) => {
    if (!header) header = cells.map((name) => name.trim());
    else records.push(csvRecord(records.length + 1, cells, header));
  });
  const columns: string[] = header ?? [];
  if (!columns.some((name) => name.toLowerCase() === 'email')) {
    throw new ApiError('bad-request', 'The first line must be a header row naming the columns, with at least an "email" column.');
  }
  const blank = columns.findIndex((name) => name === '');
  if (blank >= 0) throw new ApiError('bad-request', `Column ${blank + 1} of the header row has no name.`);
  return { columns, records };
}

function csvRecord(row: number, cells: string[], columns: string[]): RawRecord {
  if (cells.length > columns.length) return { row, problem: `This row has ${cells.length} values but the header names ${columns.length} columns.` };
  return { row, values: Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ''])) };
}

/** One JSON object a line; the row number is the line's, so a person finds it in an editor. */
async function parseNdjsonFile(text: string): Promise<ParsedFile> {
  const records: RawRecord[] = [];
  const lines = text.split(/\r?\n/);
  const slice = timeSlicer();
  for (let i = 0; i < lines.length; i += 1) {
    await slice();
    if (lines[i].trim() === '') continue;
    if (records.length > MAX_IMPORT_ROWS) break;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      records.push({ row: i + 1, problem: 'This line is not valid JSON.' });
      continue;
    }
    records.push(objectRecord(i + 1, value));
  }
  return { columns: columnsOf(records), records };
}

function parseJsonFile(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('bad-request', 'The file is not valid JSON.');
  }
  if (!Array.isArray(value)) throw new ApiError('bad-request', 'A JSON import is an array of objects, one per user: [{"email": "ann@example.com", ...}, ...].');
  const records = value.map((item, index) => objectRecord(index + 1, item));
  return { columns: columnsOf(records), records };
}

function objectRecord(row: number, value: unknown): RawRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { row, problem: 'This row is not a JSON object of field names and values.' };
  return { row, values: value as Record<string, unknown> };
}

/** Every column any record uses, in order of first use. */
function columnsOf(records: RawRecord[]): string[] {
  const columns = new Set<string>();
  for (const record of records) if ('values' in record) for (const name of Object.keys(record.values)) columns.add(name);
  return [...columns];
}
