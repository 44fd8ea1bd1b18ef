import type { FieldError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import { DEFAULT_PAGE_SIZE, userListQuerySchema, type UserExportFormat, type UserListQuery } from '@/lib/users/schemas';

/**
 * The users table's state as the /users URL holds it (`?pattern=&filter=status:active&sort=created:-1&page=2&limit=30`),
 * and its translation to a list query. Safe for the browser: the table's controls build their links with it.
 */

export const PAGE_SIZE_OPTIONS = [10, 30, 50, 100] as const;

export type UserListParams = {
  pattern: string;
  /** In the API's filter grammar (`field:value`, `created>DATE`), repeatable. */
  filters: string[];
  sort: string | null;
  page: number;
  limit: number;
};

export const DEFAULT_USER_LIST_PARAMS: UserListParams = { pattern: '', filters: [], sort: null, page: 1, limit: DEFAULT_PAGE_SIZE };

type SearchParams = Record<string, string | string[] | undefined>;

const allValues = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Reads the URL. The params come back even when invalid (so the controls can show what was asked
 * for); `query` is null and `errors` says why when the URL cannot be listed.
 */
export function parseUserListParams(searchParams: SearchParams): { params: UserListParams; query: UserListQuery | null; errors: FieldError[] } {
  const pageText = allValues(searchParams.page)[0];
  const limitText = allValues(searchParams.limit)[0];
  const page = pageText === undefined ? 1 : Number(pageText);
  const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : Number(limitText);
  const params: UserListParams = {
    pattern: allValues(searchParams.pattern)[0] ?? '',
    filters: allValues(searchParams.filter),
    sort: allValues(searchParams.sort)[0] || null,
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    limit: Number.isSafeInteger(limit) && limit >= 1 ? limit : DEFAULT_PAGE_SIZE,
  };
  if (params.page !== page) return { params, query: null, errors: [{ path: 'page', message: 'page must be a whole number of 1 or more.' }] };

  const parsed = userListQuerySchema.safeParse({
    pattern: params.pattern || undefined,
    filter: params.filters,
    sort: params.sort ?? undefined,
    limit: limitText ?? DEFAULT_PAGE_SIZE,
    offset: (page - 1) * params.limit,
  });
  if (!parsed.success) return { params, query: null, errors: fieldErrors(parsed.error) };
  return { params, query: parsed.data, errors: [] };
}

function listSearchParams(params: Pick<UserListParams, 'pattern' | 'filters' | 'sort'>): URLSearchParams {
  const search = new URLSearchParams();
  if (params.pattern.trim()) search.set('pattern', params.pattern.trim());
  for (const filter of params.filters) search.append('filter', filter);
  if (params.sort) search.set('sort', params.sort);
  return search;
}

/** The /users URL for a state (or another page listing users, such as a tenant's members); defaults are left out so links stay short. */
export function userListHref(params: UserListParams, path = '/users'): string {
  const search = listSearchParams(params);
  if (params.page > 1) search.set('page', String(params.page));
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The export of the same list (every page, so no page or limit), in a format and columns when given. */
export function userExportHref(params: Pick<UserListParams, 'pattern' | 'filters' | 'sort'>, choice: { format?: UserExportFormat; columns?: readonly string[] } = {}): string {
  const search = listSearchParams(params);
  if (choice.format) search.set('format', choice.format);
  if (choice.columns) search.set('columns', choice.columns.join(','));
  const query = search.toString();
  return query ? `/api/v1/users/export?${query}` : '/api/v1/users/export';
}

// ----- Filters -----

/** The fields the toolbar has a control for; other filters (plan:, vendor:, created>) come from edited URLs. */
export const TOOLBAR_FILTER_FIELDS = ['status', 'role', 'tenant', 'scope'] as const;
export type ToolbarFilterField = (typeof TOOLBAR_FILTER_FIELDS)[number];

function splitFilter(filter: string): { field: string; value: string } {
  const match = /^([A-Za-z]+):(.*)$/s.exec(filter);
  return match ? { field: match[1], value: match[2] } : { field: '', value: filter };
}

/** The value a toolbar control shows: the field's first filter, '' for none. */
export function filterValue(filters: string[], field: ToolbarFilterField): string {
  return filters.map(splitFilter).find((filter) => filter.field === field)?.value ?? '';
}

/** Replaces every filter on a field with one value, or removes them for ''. */
export function withFilter(filters: string[], field: ToolbarFilterField, value: string): string[] {
  const others = filters.filter((filter) => splitFilter(filter).field !== field);
  return value.trim() ? [...others, `${field}:${value.trim()}`] : others;
}

/** Filters no toolbar control shows: other fields, and a field's second and later values. */
export function extraFilters(filters: string[]): string[] {
  const shown = new Set(TOOLBAR_FILTER_FIELDS.map((field) => filters.find((filter) => splitFilter(filter).field === field)));
  return filters.filter((filter) => !shown.has(filter));
}
