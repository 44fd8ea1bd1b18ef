'use client';

import { useState } from 'react';
import { Button, buttonClassName } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog } from '@/components/ui/dialog';
import { userExportHref, type UserListParams } from '@/lib/search/list-params';
import { DEFAULT_USER_EXPORT_COLUMNS, USER_EXPORT_COLUMNS, USER_EXPORT_FORMATS, type UserExportColumn, type UserExportFormat } from '@/lib/users/schemas';

const COLUMN_LABELS: Record<UserExportColumn, string> = {
  id: 'Id',
  email: 'Email',
  username: 'Username',
  firstName: 'First name',
  lastName: 'Last name',
  role: 'Role',
  status: 'Status',
  scopes: 'Scopes',
  tenants: 'Tenants',
  plan: 'Plan',
  vendor: 'Vendors',
  metadata: 'Metadata',
  city: 'City',
  country: 'Country',
  dateOfBirth: 'Date of birth',
  department: 'Department',
  phoneLand: 'Landline',
  phoneMobile: 'Mobile',
  timezone: 'Time zone',
  createdAt: 'Created',
  updatedAt: 'Last changed',
  lastSignInAt: 'Last sign-in',
  version: 'Version',
};

const FORMAT_LABELS: Record<UserExportFormat, { label: string; hint: string }> = {
  csv: { label: 'CSV', hint: 'for spreadsheets' },
  ndjson: { label: 'NDJSON', hint: 'one JSON object a line, for scripts' },
};

/**
 * "Export": every user matching the list's current search, filters and order, with no cap, as
 * CSV or NDJSON with the chosen columns. The download is the API's streamed GET, which the
 * session cookie authorises, so the browser saves it as it arrives.
 */
export function ExportUsersButton({ params }: { params: Pick<UserListParams, 'pattern' | 'filters' | 'sort'> }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<UserExportFormat>('csv');
  const [columns, setColumns] = useState<Set<UserExportColumn>>(() => new Set(DEFAULT_USER_EXPORT_COLUMNS));
  const chosen = USER_EXPORT_COLUMNS.filter((column) => columns.has(column));
  const toggle = (column: UserExportColumn, on: boolean) =>
    setColumns((current) => {
      const next = new Set(current);
      if (on) next.add(column);
      else next.delete(column);
      return next;
    });
  const filtered = Boolean(params.pattern.trim()) || params.filters.length > 0;

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Export
      </Button>
      {open && (
        <Dialog title="Export users" onClose={() => setOpen(false)} className="max-w-lg">
          <div className="mt-3 space-y-4">
            <p className="text-slate-700">{filtered ? 'Every user matching the current search and filters, in the list’s order.' : 'Every user, in the list’s order.'}</p>
            <fieldset>
              <legend className="font-medium text-slate-900">Format</legend>
              <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
                {USER_EXPORT_FORMATS.map((value) => (
                  <label key={value} className="flex items-center gap-2">
                    <input type="radio" name="export-format" value={value} checked={format === value} onChange={() => setFormat(value)} className="size-4 accent-indigo-600" />
                    <span>
                      {FORMAT_LABELS[value].label} <span className="text-slate-500">({FORMAT_LABELS[value].hint})</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend className="font-medium text-slate-900">Columns</legend>
              <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3">
                {USER_EXPORT_COLUMNS.map((column) => (
                  <label key={column} className="flex items-center gap-2">
                    <Checkbox checked={columns.has(column)} onChange={(event) => toggle(column, event.target.checked)} />
                    {COLUMN_LABELS[column]}
                  </label>
                ))}
              </div>
              <div className="mt-2 flex gap-3 text-xs">
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setColumns(new Set(USER_EXPORT_COLUMNS))}>
                  Select all
                </button>
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setColumns(new Set(DEFAULT_USER_EXPORT_COLUMNS))}>
                  Usual columns
                </button>
              </div>
            </fieldset>
            {chosen.length === 0 && (
              <p role="status" className="text-red-700">
                Choose at least one column.
              </p>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              {chosen.length > 0 ? (
                <a href={userExportHref(params, { format, columns: chosen })} download onClick={() => setOpen(false)} className={buttonClassName('primary')}>
                  Download {FORMAT_LABELS[format].label}
                </a>
              ) : (
                <Button disabled>Download {FORMAT_LABELS[format].label}</Button>
              )}
            </div>
          </div>
        </Dialog>
      )}
    </>
  );
}
