import { RESOURCE_ROLES } from '@/lib/access/matrix';
import { formatDate } from '@/lib/pages/format';
import type { FormFailure } from '@/lib/pages/form-result';
import type { GridChange, GridRow, SaveCounts } from '@/lib/permissions/grid-rows';

/**
 * What the permission grids show and stage (the rows themselves come from
 * lib/permission-grid). Rows are users (on a resource's page) or resources (on a user's page);
 * the behaviour is the same either way.
 */

export type Role = keyof typeof RESOURCE_ROLES;
/** The columns, narrowest role first: each includes the ones before it. */
export const ROLES = Object.keys(RESOURCE_ROLES) as Role[];

export const roleName = (role: Role | null) => (role ? role[0].toUpperCase() + role.slice(1) : 'None');

export type Choice = { role: Role | null; expiresAt: string | null };

/** A refused save as the grid shows it. */
export type GridFailure = { message: string; rowErrors: Record<string, string> };

/**
 * Puts each `changes.<index>` error on the row the change came from, so the grid can mark it;
 * errors on no row join the message.
 */
export function gridFailure(failure: FormFailure, changes: GridChange[]): GridFailure {
  const rowErrors: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const error of failure.fieldErrors) {
    const index = /^changes\.(\d+)/.exec(error.path)?.[1];
    const change = index === undefined ? undefined : changes[Number(index)];
    if (change) rowErrors[change.key] ??= error.message;
    else elsewhere.push(error.message);
  }
  const refusedRows = Object.keys(rowErrors).length;
  const summary = refusedRows ? `${refusedRows} of the changes cannot be saved; nothing was saved.` : failure.message;
  return { message: [summary, ...elsewhere].join(' '), rowErrors };
}

export type RowsAre = 'users' | 'resources';

export function storedChoice(row: GridRow): Choice {
  return row.grant ? { role: row.grant.role, expiresAt: row.grant.expiresAt } : { role: null, expiresAt: null };
}

export function sameChoice(a: Choice, b: Choice): boolean {
  return a.role === b.role && (a.role === null || a.expiresAt === b.expiresAt);
}

/** The date part an `<input type="date">` shows for an expiry (UTC, as every date on the pages). */
export const expiryDay = (expiresAt: string | null) => (expiresAt ? expiresAt.slice(0, 10) : '');

/** A picked day expires at its start, UTC; re-picking the stored day keeps the stored instant. */
export function expiryFromDay(day: string, stored: string | null): string | null {
  if (!day) return null;
  return expiryDay(stored) === day ? stored : `${day}T00:00:00.000Z`;
}

const shownDate = (expiresAt: string) => formatDate(new Date(expiresAt));

/** Whose role on what a row is about: "ann@example.com on Month-end close". */
export function rowSubject(rowsAre: RowsAre, row: GridRow, subject: string): string {
  return rowsAre === 'users' ? `${row.label} on ${subject}` : `${subject} on ${row.label}`;
}

/** One line of the summary before Save, as a verb and the rest: "Grant" "Editor to ann@example.com". */
export function describeChange(rowsAre: RowsAre, row: GridRow, to: Choice): { verb: string; rest: string } {
  const from = storedChoice(row);
  const expiring = to.expiresAt ? `, expiring ${shownDate(to.expiresAt)}` : '';
  if (from.role === null) return { verb: 'Grant', rest: `${roleName(to.role)} ${rowsAre === 'users' ? 'to' : 'on'} ${row.label}${expiring}` };
  if (to.role === null) return { verb: 'Revoke', rest: `${roleName(from.role)} ${rowsAre === 'users' ? 'from' : 'on'} ${row.label}` };
  if (from.role !== to.role) {
    const expiry = from.expiresAt === to.expiresAt ? '' : expiring || ', with no expiry';
    return { verb: 'Change', rest: `${row.label} from ${roleName(from.role)} to ${roleName(to.role)}${expiry}` };
  }
  const held = rowsAre === 'users' ? `${row.label}’s ${roleName(to.role)} role` : `${roleName(to.role)} on ${row.label}`;
  return to.expiresAt ? { verb: 'Expire', rest: `${held} on ${shownDate(to.expiresAt)}` } : { verb: 'Remove the expiry', rest: `of ${held}` };
}

/** "was Reader", "had no role", "was Editor, expired 3 Jan 2026": what a changed row held before. */
export function describeStored(row: GridRow): string {
  const grant = row.grant;
  if (!grant) return 'had no role';
  if (!grant.expiresAt) return `was ${roleName(grant.role)}`;
  return `was ${roleName(grant.role)}, ${grant.expired ? 'expired' : 'expiring'} ${shownDate(grant.expiresAt)}`;
}

/** "Saved: 1 granted, 1 revoked." */
export function describeSaved(counts: SaveCounts): string {
  const parts = (['granted', 'changed', 'revoked'] as const).filter((key) => counts[key] > 0).map((key) => `${counts[key]} ${key}`);
  return parts.length ? `Saved: ${parts.join(', ')}.` : 'Nothing needed saving: the roles were already as chosen.';
}
