import { ApiError } from '@/lib/api/errors';
import { USER_FILTER_FIELDS, USER_SORT_FIELDS, type UserSortField } from '@/lib/users/schemas';

/** The users list's grammar: `sort=field:1|-1` and `filter=field:value` (created>DATE, created<DATE). */

export type SortSpec = { field: UserSortField; direction: 1 | -1 };

export const DEFAULT_SORT: SortSpec = { field: 'created', direction: -1 };

export function badRequest(path: string, message: string): ApiError {
  return new ApiError('bad-request', message, { errors: [{ path, message }] });
}

export function parseSort(value: string | undefined): SortSpec {
  if (!value) return DEFAULT_SORT;
  const match = /^(\w+):(1|-1)$/.exec(value);
  if (!match) throw badRequest('sort', `sort must look like field:1 or field:-1, for example created:-1.`);
  const field = match[1] as UserSortField;
  if (!USER_SORT_FIELDS.includes(field)) {
    throw badRequest('sort', `Unknown sort field "${match[1]}". Sort by one of: ${USER_SORT_FIELDS.join(', ')}.`);
  }
  return { field, direction: match[2] === '1' ? 1 : -1 };
}

export type ParsedFilter = { field: (typeof USER_FILTER_FIELDS)[number]; operator: ':' | '>' | '<'; value: string };

export function parseFilter(raw: string): ParsedFilter {
  const match = /^([A-Za-z]+)([:<>])(.*)$/s.exec(raw);
  if (!match) throw badRequest('filter', `Filter "${raw}" must look like field:value (or created>DATE, created<DATE).`);
  const [, field, operator, value] = match;
  if (!(USER_FILTER_FIELDS as readonly string[]).includes(field)) {
    throw badRequest('filter', `Unknown filter field "${field}". Filter by one of: ${USER_FILTER_FIELDS.join(', ')}.`);
  }
  if ((field === 'created') !== (operator !== ':')) {
    throw badRequest('filter', field === 'created' ? 'Filter created with created>DATE or created<DATE.' : `Filter ${field} with ${field}:value.`);
  }
  if (!value.trim()) throw badRequest('filter', `Filter "${raw}" needs a value.`);
  return { field: field as ParsedFilter['field'], operator: operator as ParsedFilter['operator'], value: value.trim() };
}

export function parseFilterDate(value: string): Date {
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(time)) throw badRequest('filter', `"${value}" is not a date. Use an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z.`);
  return new Date(time);
}
