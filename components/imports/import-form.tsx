'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription } from '@/components/ui/form-field';
import { Label } from '@/components/ui/input';
import { dryRunImportAction, startImportAction } from '@/lib/actions/imports';
import { IMPORT_FILE_LIMIT_BYTES } from '@/lib/http/body-limits';
import type { ImportDryRun, ImportMode } from '@/lib/imports';
import type { FormFailure } from '@/lib/pages/form-result';
import { formatBytes, formatCount } from '@/lib/pages/format';
import { DryRunReport } from './dry-run-report';
import { ImportColumnsHelp } from './import-columns-help';


const MODES: { value: ImportMode; label: string; hint: string }[] = [
  { value: 'create', label: 'Create new users only', hint: 'A row whose email already has an account is an error.' },
  { value: 'upsert', label: 'Create and update by email', hint: 'A row whose email has an account updates it with the row’s fields.' },
];

/**
 * The import in two steps: "Check file" sends the file for a dry run and shows its per-row
 * report; "Import N rows" sends the same file again (kept here, in the browser) to start the
 * job, which checks every row again, and goes to its progress page. Changing the file or an
 * option drops the report, which no longer describes what would be imported.
 */
export function ImportForm() {
  const router = useRouter();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [invite, setInvite] = useState(true);
  const [fileError, setFileError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ImportDryRun | null>(null);
  const [checking, startChecking] = useTransition();
  const [starting, startStarting] = useTransition();

  const forget = () => {
    setChecked(null);
    setFormError(null);
  };

  /** A refusal's reason beside the file field when it is about the file, above the form otherwise. */
  const showFailure = (failure: FormFailure) => {
    const aboutFile = failure.fieldErrors.find((error) => error.path === 'file');
    if (aboutFile) {
      setFileError(aboutFile.message);
      fileInput.current?.focus();
    } else {
      setFormError(failure.fieldErrors.map((error) => error.message).join(' ') || failure.message);
    }
  };

  /** The file, if one is chosen and small enough to send; otherwise says why not beside the field. */
  const fileToSend = (): File | null => {
    if (!file) {
      setFileError('Choose a CSV, JSON or NDJSON file.');
      fileInput.current?.focus();
      return null;
    }
    if (file.size > IMPORT_FILE_LIMIT_BYTES) {
      setFileError(`The file is larger than ${formatBytes(IMPORT_FILE_LIMIT_BYTES)}. Split it and import the parts one after the other.`);
      fileInput.current?.focus();
      return null;
    }
    return file;
  };

  const check = (event: React.FormEvent) => {
    event.preventDefault();
    setFileError(undefined);
    forget();
    const chosen = fileToSend();
    if (!chosen) return;
    startChecking(async () => {
      try {
        const result = await dryRunImportAction(chosen, { mode, invite });
        if (result.ok) setChecked(result.report);
        else showFailure(result);
      } catch {
        setFileError('The file could not be sent. Check your connection and try again.');
      }
    });
  };

  const start = () => {
    const chosen = fileToSend();
    if (!chosen) return;
    setFormError(null);
    startStarting(async () => {
      try {
        const result = await startImportAction(chosen, { mode, invite });
        if (result.ok) router.push(`/users/import/${result.job.id}`);
        else showFailure(result);
      } catch {
        setFormError('The import could not be started. Check your connection and try again.');
      }
    });
  };

  const importable = checked ? checked.counts.created + checked.counts.updated + checked.counts.unchanged : 0;

  return (
    <div className="space-y-6">
      <form onSubmit={check} noValidate aria-labelledby={`${fileId}-title`} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id={`${fileId}-title`} className="text-base font-semibold text-slate-900">
          File and options
        </h2>
        <div>
          <Label htmlFor={fileId}>File to import</Label>
          <input
            ref={fileInput}
            type="file"
            name="file"
            accept=".csv,.json,.ndjson,text/csv,application/json,application/x-ndjson"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(undefined);
              forget();
            }}
            className="block w-full max-w-full rounded-md border border-slate-300 bg-white text-sm text-slate-700 shadow-sm file:mr-3 file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100 aria-[invalid=true]:border-red-500"
            {...fieldDescription(fileId, { hint: true, error: fileError })}
          />
          {fileError && (
            <p id={`${fileId}-error`} className="mt-1 text-sm text-red-700">
              {fileError}
            </p>
          )}
          <div id={`${fileId}-hint`} className="mt-1 text-xs text-slate-500">
            CSV with a header row, a JSON array of objects, or NDJSON (one object a line), up to {formatBytes(IMPORT_FILE_LIMIT_BYTES)}. The format is read from the file’s extension.
          </div>
          <ImportColumnsHelp />
        </div>

        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Mode</legend>
          <div className="space-y-2">
            {MODES.map((option) => (
              <label key={option.value} className="flex cursor-pointer items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="mode"
                  value={option.value}
                  checked={mode === option.value}
                  onChange={() => {
                    setMode(option.value);
                    forget();
                  }}
                  className="mt-0.5 size-4 accent-indigo-600"
                />
                <span>
                  <span className="font-medium text-slate-800">{option.label}</span>
                  <span className="block text-xs text-slate-500">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <label className="flex cursor-pointer items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="invite"
            checked={invite}
            onChange={(event) => {
              setInvite(event.target.checked);
              forget();
            }}
            className="mt-0.5 size-4 accent-indigo-600"
          />
          <span>
            <span className="font-medium text-slate-800">Send an invitation to rows without a password</span>
            <span className="block text-xs text-slate-500">Unchecked, such users are created without one and cannot sign in until an admin sets a password or sends an invitation.</span>
          </span>
        </label>

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={checking || starting}>
            {checking ? 'Checking…' : 'Check file'}
          </Button>
          <span className="text-xs text-slate-500">Checking writes nothing: it shows what the import would do, row by row.</span>
        </div>
      </form>

      {formError && <Alert>{formError}</Alert>}

      {checking && (
        <div role="status" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          Checking every row of {file?.name}…
        </div>
      )}

      {checked && !checking && (
        <DryRunReport report={checked} fileName={file?.name ?? 'import'}>
          <Button onClick={start} disabled={importable === 0 || starting}>
            {starting ? 'Starting…' : `Import ${formatCount(importable)} ${importable === 1 ? 'row' : 'rows'}`}
          </Button>
          {importable === 0 && <span className="text-sm text-slate-600">No row can be imported: correct the file and check it again.</span>}
          {importable > 0 && checked.counts.error > 0 && <span className="text-sm text-slate-600">Rows with errors are left out.</span>}
        </DryRunReport>
      )}
    </div>
  );
}
