'use client';

import { Input, Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useDebouncedUrlText } from '@/components/ui/use-debounce';
import { auditActionLabel } from '@/lib/audit/action-labels';
import type { AuditListParams } from '@/lib/audit/list-params';
import { useAuditListNavigation } from './audit-list-navigation';

type TextField = 'pattern' | 'actor' | 'target';

/** Search and filters above the audit table; every change goes to the URL, so a reload or a shared link shows the same events. */
export function AuditToolbar({ actions, showTarget = true }: { actions: string[]; showTarget?: boolean }) {
  const { params, navigate } = useAuditListNavigation();
  const commit = (field: TextField) => (value: string) => navigate({ [field]: value }, { replace: true });
  const [pattern, setPattern] = useDebouncedUrlText(params.pattern, commit('pattern'));
  const [actor, setActor] = useDebouncedUrlText(params.actor, commit('actor'));
  const [target, setTarget] = useDebouncedUrlText(params.target, commit('target'));
  // An action from an edited URL that the trail does not hold (yet) gets its own option rather than reading as "any".
  const actionOptions = params.action && !actions.includes(params.action) ? [...actions, params.action] : actions;
  const filtered = params.pattern || params.actor || params.action || params.target || params.from || params.to || params.others.length > 0;
  const setDay = (field: 'from' | 'to', value: string) => navigate({ [field]: value } satisfies Partial<AuditListParams>);

  return (
    <div className="mb-4 space-y-3">
      <search className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(10rem,2fr)_minmax(7rem,1fr)_minmax(10rem,1.4fr)_repeat(3,minmax(8.5rem,1fr))]">
        <div className="col-span-2 lg:col-span-1">
          <Label htmlFor="audit-search">Search</Label>
          <Input id="audit-search" type="search" placeholder="Action, id, address or browser" value={pattern} onChange={(event) => setPattern(event.target.value)} />
        </div>
        <div>
          <Label htmlFor="audit-filter-actor">Actor</Label>
          <Input id="audit-filter-actor" placeholder="User id or job" value={actor} onChange={(event) => setActor(event.target.value)} />
        </div>
        <div>
          <Label htmlFor="audit-filter-action">Action</Label>
          <Select id="audit-filter-action" value={params.action} onChange={(event) => navigate({ action: event.target.value })}>
            <option value="">Any action</option>
            {actionOptions.map((action) => (
              <option key={action} value={action}>
                {auditActionLabel(action)}
              </option>
            ))}
          </Select>
        </div>
        {showTarget && (
          <div>
            <Label htmlFor="audit-filter-target">Target</Label>
            <Input id="audit-filter-target" placeholder="User, tenant… id" value={target} onChange={(event) => setTarget(event.target.value)} />
          </div>
        )}
        <div>
          <Label htmlFor="audit-filter-from">From</Label>
          <Input id="audit-filter-from" type="date" value={params.from} max={params.to || undefined} onChange={(event) => setDay('from', event.target.value)} />
        </div>
        <div>
          <Label htmlFor="audit-filter-to">To</Label>
          <Input id="audit-filter-to" type="date" value={params.to} min={params.from || undefined} onChange={(event) => setDay('to', event.target.value)} />
        </div>
      </search>
      {filtered && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {params.others.length > 0 && <span className="text-slate-600">Also filtered by {params.others.join(', ')}</span>}
          <button
            type="button"
            className="font-medium text-indigo-700 hover:underline"
            onClick={() => navigate({ pattern: '', actor: '', action: '', target: '', from: '', to: '', others: [] })}
          >
            Clear search and filters
          </button>
        </div>
      )}
    </div>
  );
}
