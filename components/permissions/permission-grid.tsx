'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { UserStatusBadge } from '@/components/users/user-status-badge';
import { RESOURCE_ROLES } from '@/lib/access/matrix';
import { cn } from '@/lib/pages/cn';
import type { FormResult } from '@/lib/pages/form-result';
import type { GridChange, GridRow, SaveCounts } from '@/lib/permissions/grid-rows';
import {
  describeChange,
  describeSaved,
  describeStored,
  expiryDay,
  expiryFromDay,
  gridFailure,
  ROLES,
  roleName,
  rowSubject,
  sameChoice,
  storedChoice,
  type Choice,
  type GridFailure,
  type Role,
  type RowsAre,
} from './grid-model';

type Staged = { row: GridRow; choice: Choice };

type PermissionGridProps = {
  /** Prefixes the element ids and the radio groups' names. */
  id: string;
  title: string;
  description: React.ReactNode;
  rowsAre: RowsAre;
  /** The other side of every row: the resource's name, or the user's email. */
  subject: string;
  rows: GridRow[];
  toolbar?: React.ReactNode;
  footer?: React.ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty: React.ReactNode;
  /** True while the rows are being replaced (another page, a search). */
  busy?: boolean;
  /** Why nothing here can be changed, if nothing can. */
  readOnlyReason?: string;
  /** A row just added: its checked radio takes the focus. */
  focusRowKey?: string | null;
  /** Saves every staged change at once; resolves once the rows shown are the saved ones. */
  onSave: (changes: GridChange[]) => Promise<FormResult<{ counts: SaveCounts }>>;
  /** After Discard or a successful save: the page forgets rows it added. */
  onReset?: () => void;
};

/**
 * A grid of rows against the four resource roles: one choice per row ("None" included) and an
 * optional expiry. Choices are staged: changed rows are marked, a summary lists what Save will
 * do, and Save applies everything in one transaction. Each row's radios share a name, so the
 * arrow keys move between roles. Below the `sm` breakpoint each row stacks into a card.
 */
export function PermissionGrid(props: PermissionGridProps) {
  const { id, title, description, rowsAre, subject, rows, toolbar, footer, empty, busy = false, readOnlyReason, focusRowKey, onSave, onReset } = props;
  const [staged, setStaged] = useState<Map<string, Staged>>(() => new Map());
  const [failure, setFailure] = useState<GridFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const tableRef = useRef<HTMLTableElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const groupName = (key: string) => `${id}-role-${key}`;

  useEffect(() => {
    if (!focusRowKey) return;
    tableRef.current?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(`${id}-role-${focusRowKey}`)}"]:checked`)?.focus();
  }, [id, focusRowKey]);

  // Leaving the page (reload, closing the tab) with unsaved changes asks first.
  useEffect(() => {
    if (staged.size === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [staged.size]);

  const shownChoice = (row: GridRow) => staged.get(row.key)?.choice ?? storedChoice(row);

  const stage = (row: GridRow, choice: Choice) => {
    const next = new Map(staged);
    if (sameChoice(choice, storedChoice(row))) next.delete(row.key);
    else next.set(row.key, { row, choice });
    setStaged(next);
    setNotice(null);
    if (failure?.rowErrors[row.key]) {
      const { [row.key]: _fixed, ...rowErrors } = failure.rowErrors;
      setFailure({ ...failure, rowErrors });
    }
  };

  const pickRole = (row: GridRow, role: Role | null) => {
    const shown = shownChoice(row);
    // A role keeps the expiry shown with the previous role; from "None" it gets the stored one back.
    const expiresAt = role === null ? null : shown.role !== null ? shown.expiresAt : (row.grant?.expiresAt ?? null);
    stage(row, { role, expiresAt });
  };

  const pickExpiry = (row: GridRow, day: string) => stage(row, { role: shownChoice(row).role, expiresAt: expiryFromDay(day, row.grant?.expiresAt ?? null) });

  const save = () =>
    startSaving(async () => {
      const changes = [...staged.values()].map(({ row, choice }) => ({ key: row.key, ...choice }));
      let result: FormResult<{ counts: SaveCounts }>;
      try {
        result = await onSave(changes);
      } catch {
        setFailure({ message: 'The changes could not be saved: something went wrong on our side. Nothing was saved; try again.', rowErrors: {} });
        return;
      }
      if (!result.ok) {
        setFailure(gridFailure(result, changes));
        return;
      }
      setStaged(new Map());
      setFailure(null);
      setNotice(describeSaved(result.counts));
      onReset?.();
      requestAnimationFrame(() => noticeRef.current?.focus());
    });

  const discard = () => {
    setStaged(new Map());
    setFailure(null);
    onReset?.();
    headingRef.current?.focus();
  };

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="space-y-3 border-b border-slate-200 p-4 sm:p-5">
        <div>
          <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
            {title}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{description}</p>
        </div>
        {readOnlyReason && <Alert tone="info">{readOnlyReason}</Alert>}
        {toolbar}
      </div>
      {notice && (
        <div ref={noticeRef} tabIndex={-1} className="px-4 py-3 focus:outline-none sm:px-5">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      {rows.length === 0 ? (
        <div className={cn('p-4 sm:p-5', busy && 'opacity-60')} aria-busy={busy}>
          {empty}
        </div>
      ) : (
        <>
          <RoleLegend className="border-b border-slate-200 px-4 py-3 sm:hidden" />
          {/* relative: the sticky first column and the sr-only captions stay inside the scroll box. */}
          <div className={cn('relative overflow-x-auto transition-opacity', busy && 'opacity-60')} aria-busy={busy}>
            <table ref={tableRef} className="w-full border-collapse text-sm max-sm:block sm:min-w-[48rem]">
              <caption className="sr-only">{title}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 max-sm:hidden">
                <tr>
                  <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-4 py-2.5 text-left align-bottom font-semibold">
                    {rowsAre === 'users' ? 'User' : 'Resource'}
                  </th>
                  <RoleHeading role={null} />
                  {ROLES.map((role) => (
                    <RoleHeading key={role} role={role} />
                  ))}
                  <th scope="col" className="w-48 px-3 py-2.5 text-left align-bottom font-semibold">
                    Expires
                    <span className="mt-0.5 block font-normal text-slate-500">Optional: ends at 00:00 UTC that day</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 max-sm:block">
                {rows.map((row) => (
                  <PermissionGridRow
                    key={row.key}
                    row={row}
                    rowsAre={rowsAre}
                    subject={subject}
                    groupName={groupName(row.key)}
                    errorId={`${id}-error-${row.key}`}
                    choice={shownChoice(row)}
                    changed={staged.has(row.key)}
                    error={failure?.rowErrors[row.key]}
                    lockedReason={readOnlyReason ? undefined : row.lockedReason}
                    disabled={Boolean(readOnlyReason || row.lockedReason) || saving}
                    onRole={(role) => pickRole(row, role)}
                    onExpiry={(day) => pickExpiry(row, day)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {footer}
      {staged.size > 0 && (
        <ChangesSummary id={id} rowsAre={rowsAre} staged={[...staged.values()]} failure={failure} saving={saving} onSave={save} onDiscard={discard} />
      )}
    </section>
  );
}

function RoleHeading({ role }: { role: Role | null }) {
  return (
    <th scope="col" className="w-24 px-1 py-2.5 text-center align-bottom font-semibold lg:w-28">
      {roleName(role)}
      <span className="mx-auto mt-0.5 block max-w-24 font-normal leading-snug text-slate-500">{role ? RESOURCE_ROLES[role] : 'No role'}</span>
    </th>
  );
}

/** The column headings' help, for the stacked layout, which has no headings. */
function RoleLegend({ className }: { className?: string }) {
  return (
    <dl className={cn('grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs', className)}>
      {ROLES.map((role) => (
        <div key={role} className="contents">
          <dt className="font-semibold text-slate-700">{roleName(role)}</dt>
          <dd className="text-slate-600">{RESOURCE_ROLES[role]}</dd>
        </div>
      ))}
    </dl>
  );
}

type RowProps = {
  row: GridRow;
  rowsAre: RowsAre;
  subject: string;
  groupName: string;
  errorId: string;
  choice: Choice;
  changed: boolean;
  error: string | undefined;
  lockedReason: string | undefined;
  disabled: boolean;
  onRole: (role: Role | null) => void;
  onExpiry: (day: string) => void;
};

function PermissionGridRow({ row, rowsAre, subject, groupName, errorId, choice, changed, error, lockedReason, disabled, onRole, onExpiry }: RowProps) {
  const about = rowSubject(rowsAre, row, subject);
  const shownIndex = choice.role === null ? -1 : ROLES.indexOf(choice.role);
  // An expired grant is still shown with its role, greyed: it counts nowhere until renewed.
  const expired = Boolean(row.grant?.expired && choice.role !== null && choice.expiresAt === row.grant.expiresAt);
  const describedBy = error ? errorId : undefined;

  return (
    <tr
      data-state={error ? 'error' : changed ? 'changed' : undefined}
      className={cn(
        'max-sm:grid max-sm:grid-cols-5 max-sm:gap-1.5 max-sm:px-4 max-sm:py-3',
        error ? 'bg-red-50 max-sm:shadow-[inset_4px_0_0_0_var(--color-red-500)]' : changed ? 'bg-amber-50 max-sm:shadow-[inset_4px_0_0_0_var(--color-amber-400)]' : 'bg-white',
      )}
    >
      <th
        scope="row"
        className={cn(
          'px-4 py-2 text-left align-middle font-normal max-sm:col-span-5 max-sm:p-0 sm:sticky sm:left-0 sm:z-10 sm:max-w-72 sm:min-w-56',
          error ? 'bg-red-50 sm:shadow-[inset_4px_0_0_0_var(--color-red-500)]' : changed ? 'bg-amber-50 sm:shadow-[inset_4px_0_0_0_var(--color-amber-400)]' : 'bg-white',
        )}
      >
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link href={row.href} className="font-medium break-words text-indigo-700 hover:underline">
            {row.name}
          </Link>
          {row.status && <UserStatusBadge status={row.status} />}
        </div>
        {row.detail && <p className="text-xs break-all text-slate-500">{row.detail}</p>}
        {changed && (
          <p className="mt-0.5 text-xs text-amber-900">
            <span className="font-semibold">Unsaved</span> · {describeStored(row)}
          </p>
        )}
        {row.note && !changed && <p className="mt-0.5 text-xs font-medium text-indigo-800">{row.note}</p>}
        {lockedReason && <p className="mt-0.5 text-xs text-slate-500">{lockedReason}</p>}
        {error && (
          <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
            <span aria-hidden>⚠ </span>
            {error}
          </p>
        )}
      </th>
      {[null, ...ROLES].map((role, index) => {
        const selected = index - 1 === shownIndex;
        const included = index >= 1 && index - 1 < shownIndex;
        return (
          <td key={role ?? 'none'} className="px-1 py-1.5 text-center max-sm:p-0">
            <label
              className={cn(
                'flex h-12 flex-col items-center justify-center gap-0.5 rounded-md transition-colors',
                'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600',
                selected
                  ? role === null
                    ? // Quiet on wide screens, so that the roles people do hold stand out down the grid.
                      'max-sm:bg-slate-100 max-sm:ring-1 max-sm:ring-slate-400 max-sm:ring-inset'
                    : expired
                      ? 'bg-slate-200 ring-1 ring-slate-400 ring-inset'
                      : 'bg-indigo-100 ring-2 ring-indigo-500 ring-inset'
                  : included
                    ? expired
                      ? 'bg-slate-100'
                      : 'bg-indigo-50'
                    : 'max-sm:ring-1 max-sm:ring-slate-200 max-sm:ring-inset',
                disabled ? 'cursor-not-allowed opacity-60' : 'cursor-pointer',
                !disabled && !selected && 'hover:bg-slate-100',
              )}
            >
              <input
                type="radio"
                name={groupName}
                checked={selected}
                disabled={disabled}
                onChange={() => onRole(role)}
                aria-label={`Role of ${about}: ${roleName(role)}`}
                aria-describedby={describedBy}
                className="size-4 cursor-[inherit] accent-indigo-600 focus-visible:outline-none"
              />
              {/* The column heading says it on wide screens; the selected cell repeats it for the eye. */}
              <span aria-hidden className={cn('text-xs', selected && role !== null ? 'font-medium text-slate-900' : 'text-slate-600 sm:hidden')}>
                {roleName(role)}
              </span>
            </label>
          </td>
        );
      })}
      {/* Without a role there is nothing to expire: the cell stays empty (and out of the stacked card). */}
      <td className={cn('px-3 py-1.5 max-sm:col-span-5 max-sm:p-0', choice.role === null && 'max-sm:hidden')}>
        {choice.role !== null && (
          <div className="flex flex-wrap items-center gap-2">
            <span aria-hidden className="text-xs text-slate-600 sm:hidden">
              Expires
            </span>
            <Input
              type="date"
              // An empty date shows the browser's "mm/dd/yyyy", lighter than a chosen one.
              data-empty={choice.expiresAt === null}
              className="w-40 py-1.5 data-[empty=true]:text-slate-500"
              value={expiryDay(choice.expiresAt)}
              disabled={disabled}
              onChange={(event) => onExpiry(event.target.value)}
              aria-label={`Expiry of the role of ${about}`}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
            />
            {expired && <Badge tone="red">Expired</Badge>}
          </div>
        )}
      </td>
    </tr>
  );
}

type ChangesSummaryProps = {
  id: string;
  rowsAre: RowsAre;
  staged: Staged[];
  failure: GridFailure | null;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
};

const VERB_TONES: Record<string, string> = { Grant: 'text-emerald-700', Revoke: 'text-red-700' };

/** What Save will do, in words, kept in view at the bottom of the screen while rows are changed. */
function ChangesSummary({ id, rowsAre, staged, failure, saving, onSave, onDiscard }: ChangesSummaryProps) {
  const count = staged.length;
  return (
    <div role="region" aria-labelledby={`${id}-summary-title`} className="sticky bottom-0 z-20 rounded-b-lg border-t-2 border-amber-300 bg-amber-50 px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <h3 id={`${id}-summary-title`} className="text-sm font-semibold text-slate-900">
          {count} unsaved {count === 1 ? 'change' : 'changes'}
        </h3>
        <div className="flex gap-2">
          <Button className="py-1.5" onClick={onSave} disabled={saving}>
            {saving ? 'Saving…' : 'Save roles'}
          </Button>
          <Button variant="secondary" className="py-1.5" onClick={onDiscard} disabled={saving}>
            Discard
          </Button>
        </div>
      </div>
      {/* Kept short on a phone, where the panel shares the screen with the rows. */}
      <ul className="mt-1.5 max-h-24 space-y-0.5 overflow-y-auto text-sm break-words text-slate-800 sm:max-h-40">
        {staged.map(({ row, choice }) => {
          const { verb, rest } = describeChange(rowsAre, row, choice);
          const error = failure?.rowErrors[row.key];
          return (
            <li key={row.key}>
              <strong className={cn('font-semibold', VERB_TONES[verb] ?? 'text-amber-800')}>{verb}</strong> {rest}
              {error && <span className="block text-xs font-medium text-red-700">⚠ {error}</span>}
            </li>
          );
        })}
      </ul>
      {failure && <Alert className="mt-2">{failure.message}</Alert>}
    </div>
  );
}
