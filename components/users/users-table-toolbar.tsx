'use client';

import { Badge } from '@/components/ui/badge';
import { Input, Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { TenantSummary } from '@/lib/tenants/tenants';
import { extraFilters, filterValue, withFilter, type ToolbarFilterField } from '@/lib/search/list-params';
import { USER_ROLES, USER_STATUSES } from '@/lib/users/schemas';
import { useDebouncedUrlText } from '@/components/ui/use-debounce';
import { useUserListNavigation } from './user-list-navigation';

/** Search and filters above the users table; every change goes to the URL. */
export function UsersTableToolbar({ tenants }: { tenants: TenantSummary[] }) {
  const { params, navigate } = useUserListNavigation();
  const setFilter = (field: ToolbarFilterField, value: string, options?: { replace?: boolean }) =>
    navigate((current) => ({ filters: withFilter(current.filters, field, value) }), options);

  const [pattern, setPattern] = useDebouncedUrlText(params.pattern, (value) => navigate({ pattern: value }, { replace: true }));
  const [scope, setScope] = useDebouncedUrlText(filterValue(params.filters, 'scope'), (value) => setFilter('scope', value, { replace: true }));
  const others = extraFilters(params.filters);
  const filtered = params.pattern !== '' || params.filters.length > 0;

  return (
    <div className="mb-4 space-y-3">
      <search className="grid grid-cols-2 gap-3 md:grid-cols-[minmax(12rem,2fr)_repeat(4,minmax(7rem,1fr))]">
        <div className="col-span-2 md:col-span-1">
          <Label htmlFor="users-search">Search</Label>
          <Input id="users-search" type="search" placeholder="Email, username or name" value={pattern} onChange={(event) => setPattern(event.target.value)} />
        </div>
        <FilterSelect id="users-filter-status" label="Status" allLabel="Any status" options={USER_STATUSES.map((status) => ({ value: status, label: status }))} value={filterValue(params.filters, 'status')} onChange={(value) => setFilter('status', value)} />
        <FilterSelect id="users-filter-role" label="Role" allLabel="Any role" options={USER_ROLES.map((role) => ({ value: role, label: role }))} value={filterValue(params.filters, 'role')} onChange={(value) => setFilter('role', value)} />
        <FilterSelect id="users-filter-tenant" label="Tenant" allLabel="Any tenant" options={tenants.map((tenant) => ({ value: tenant.slug, label: tenant.name }))} value={filterValue(params.filters, 'tenant')} onChange={(value) => setFilter('tenant', value)} />
        <div>
          <Label htmlFor="users-filter-scope">Scope</Label>
          <Input id="users-filter-scope" placeholder="e.g. admin" value={scope} onChange={(event) => setScope(event.target.value)} />
        </div>
      </search>
      {filtered && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {others.length > 0 && <span className="text-slate-600">Also filtered by</span>}
          {others.map((filter) => (
            <Badge key={filter} tone="indigo" className="gap-1 py-0 pr-0">
              {filter}
              <button
                type="button"
                className="rounded-full px-1.5 py-0.5 hover:bg-indigo-100"
                aria-label={`Remove filter ${filter}`}
                onClick={() => navigate((current) => ({ filters: current.filters.filter((f) => f !== filter) }))}
              >
                ×
              </button>
            </Badge>
          ))}
          <button type="button" className="font-medium text-indigo-700 hover:underline" onClick={() => navigate({ pattern: '', filters: [] })}>
            Clear search and filters
          </button>
        </div>
      )}
    </div>
  );
}

type FilterSelectProps = { id: string; label: string; allLabel: string; options: { value: string; label: string }[]; value: string; onChange: (value: string) => void };

function FilterSelect({ id, label, allLabel, options, value, onChange }: FilterSelectProps) {
  // A value from an edited URL (a tenant id instead of its slug, say) gets its own option rather than reading as "any".
  const shown = value && !options.some((option) => option.value === value) ? [...options, { value, label: value }] : options;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {shown.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
