'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { idParam } from '@/lib/api/id-param';
import { IMPORT_FILE_LIMIT_BYTES } from '@/lib/http/body-limits';
import { cancelImport, dryRunImport, getImport, importFormatOf, startImport, type ImportFormat } from '@/lib/imports';
import { refused } from '@/lib/pages/form-result';
import { formatBytes } from '@/lib/pages/format';
import { serverAction } from './server-action';

const IMPORT = { operation: 'users.import' } as const;

/** The file as the page sends it: the browser's File, checked for size and kind before anything reads it. */
const importFile = z
  .instanceof(File, { message: 'Choose a CSV, JSON or NDJSON file.' })
  .refine((file) => file.size > 0, 'The file is empty.')
  .refine((file) => file.size <= IMPORT_FILE_LIMIT_BYTES, `The file is larger than ${formatBytes(IMPORT_FILE_LIMIT_BYTES)}. Split it and import the parts one after the other.`);

const importOptions = z.object({ mode: z.enum(['create', 'upsert']), invite: z.boolean() });

const importInput = z.tuple([importFile, importOptions]);

/** What is wrong with the file itself (its kind, its header, its syntax) goes beside the file field. */
function fileRefusal(message: string) {
  return refused(message, [{ path: 'file', message }]);
}

/** The file's text and format, or a refusal when its name and type name none we read. */
async function readUpload(file: File): Promise<{ text: string; format: ImportFormat } | { refusal: ReturnType<typeof fileRefusal> }> {
  const format = importFormatOf(file.name) ?? importFormatOf(file.type);
  if (!format) return { refusal: fileRefusal('This is not a file the import reads: choose a .csv, .json or .ndjson file.') };
  return { text: await file.text(), format };
}

/**
 * Runs the engine on the file. A file it cannot read at all (no header, broken JSON) is
 * refused as a whole by lib/imports with a 400 or 422; that message belongs beside the file.
 */
async function withFileErrors<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof fileRefusal>> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 413, 415, 422].includes(error.status)) throw error;
    const message = error.options.errors?.map((fieldError) => fieldError.message).join(' ') || error.detail || error.title;
    return fileRefusal(message);
  }
}

/** Checks every row of the file as the import would, and writes nothing: the per-row report. */
export const dryRunImportAction = serverAction({ ...IMPORT, input: importInput }, async ({ principal, input: [file, options] }) => {
  const upload = await readUpload(file);
  if ('refusal' in upload) return upload.refusal;
  return withFileErrors(async () => ({ report: await dryRunImport(upload, options, principal) }));
});

/** Starts the import as a background job; the file is checked again, as it may have changed since the dry run. */
export const startImportAction = serverAction({ ...IMPORT, input: importInput }, async ({ principal, input: [file, options] }) => {
  const upload = await readUpload(file);
  if ('refusal' in upload) return upload.refusal;
  return withFileErrors(async () => {
    const job = await startImport(upload, options, principal);
    revalidatePath('/users/import');
    return { job };
  });
});

/** The import's progress, for the progress bar's polling. */
export const importStatusAction = serverAction({ ...IMPORT, input: z.tuple([idParam]) }, async ({ principal, input: [id] }) => {
  return { job: await getImport(id, principal) };
});

/** Asks a running import to stop after its current batch; what was imported stays. */
export const cancelImportAction = serverAction({ ...IMPORT, input: z.tuple([idParam]) }, async ({ principal, input: [id] }) => {
  const job = await cancelImport(id, principal);
  revalidatePath('/users/import');
  return { job };
});
