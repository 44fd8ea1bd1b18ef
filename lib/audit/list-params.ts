import type { FieldError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import { AUDIT_DEFAULT_PAGE_SIZE, auditListQuerySchema, type AuditExportFormat, type AuditListQuery } from './schemas';

/**
 * The audit table's state as the /audit URL holds it, in the API's own grammar
 * (`?pattern=&filter=target:usr_1&filter=at>=2026-01-01&cursor=`), and what its controls
 * show: one value per control, the date range as the days an admin picks. Safe for the browser.
 */

export type AuditListParams = {
  pattern: string;
  actor: string;
  action: string;
  target: string;
  /** The first day shown (YYYY-MM-DD), '' for no bound. */
  from: string;
  /** The last day shown, included (YYYY-MM-DD), '' for no bound. */
  to: string;
  cursor: string;
  /** Filters no control shows (a tenant, a second target, a time of day), kept from an edited URL. */
  others: string[];
};

export const EMPTY_AUDIT_LIST_PARAMS: AuditListParams = { pattern: '', actor: '', action: '', target: '', from: '', to: '', cursor: '', others: [] };

type SearchParams = Record<string, string | string[] | undefined>;

const allValues = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const DAY_MS = 24 * 60 * 60 * 1000;
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The filters a state stands for: "to" a day means before the next day begins (UTC). */
export function auditFilters(params: AuditListParams): string[] {
  return [
    params.actor && `actor:${params.actor}`,
    params.action && `action:${params.action}`,
    params.target && `target:${params.target}`,
    params.from && `at>=${params.from}`,
    params.to && `at<${isDay(params.to) ? shiftDay(params.to, 1) : params.to}`,
    ...params.others,
  ].filter((filter): filter is string => Boolean(filter));
}

/** Reads the URL: the state even when invalid (the controls show what was asked for), and the query or why there is none. */
export function parseAuditListParams(searchParams: SearchParams): { params: AuditListParams; query: AuditListQuery | null; errors: FieldError[] } {
  const params: AuditListParams = { ...EMPTY_AUDIT_LIST_PARAMS, pattern: allValues(searchParams.pattern)[0] ?? '', cursor: allValues(searchParams.cursor)[0] ?? '', others: [] };
  for (const filter of allValues(searchParams.filter)) {
    const field = /^(actor|action|target):(.+)$/s.exec(filter);
    const bound = /^at(>=|<)(\d{4}-\d{2}-\d{2})$/.exec(filter);
    // One value per control; a second one stays in `others`.
    if (field && !params[field[1] as 'actor']) params[field[1] as 'actor' | 'action' | 'target'] = field[2];
    else if (bound?.[1] === '>=' && !params.from && isDay(bound[2])) params.from = bound[2];
    else if (bound?.[1] === '<' && !params.to && isDay(bound[2])) params.to = shiftDay(bound[2], -1);
    else params.others.push(filter);
  }
  const parsed = auditListQuerySchema.safeParse({
    pattern: params.pattern || undefined,
    filter: auditFilters(params),
    cursor: params.cursor || undefined,
    limit: AUDIT_DEFAULT_PAGE_SIZE,
  });
  if (!parsed.success) return { params, query: null, errors: fieldErrors(parsed.error) };
  return { params, query: parsed.data, errors: [] };
}

function searchOf(params: AuditListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.pattern.trim()) search.set('pattern', params.pattern.trim());
  for (const filter of auditFilters(params)) search.append('filter', filter);
  return search;
}

/** The table's URL for a state (on /audit or a user's activity page); defaults left out. */
export function auditListHref(path: string, params: AuditListParams): string {
  const search = searchOf(params);
  if (params.cursor) search.set('cursor', params.cursor);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The export of the same filter, every page. */
export function auditExportHref(params: AuditListParams, format: AuditExportFormat): string {
  const search = searchOf(params);
  search.set('format', format);
  return `/api/v1/audit/export?${search}`;
}
