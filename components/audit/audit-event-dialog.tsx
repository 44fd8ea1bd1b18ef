'use client';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { formatDateTime } from '@/lib/pages/format';
import { AuditParty } from './audit-party';
import type { AuditTableRow } from './audit-table-row';

const ACTOR_KINDS = { user: 'Signed in, in a browser', token: 'With an API token', 'access-key': 'With an access key', system: 'A background job' } as const;

/** A diff value as text: strings as they are, anything else as JSON; a missing side is a dash. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One event in full: each changed field with its old and new value, then who, from where, and which request. */
export function AuditEventDialog({ event, onClose }: { event: AuditTableRow; onClose: () => void }) {
  const fields = [...new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])].sort();
  return (
    <Dialog title={`${auditActionLabel(event.action)}, ${formatDateTime(new Date(event.at))}`} onClose={onClose} className="sm:max-w-2xl">
      <div className="mt-4 space-y-4">
        {fields.length === 0 ? (
          <p className="text-slate-600">No field changes were recorded with this event.</p>
        ) : (
          <Table caption="Changed fields">
            <TableHeader>
              <tr>
                <TableHeaderCell>Field</TableHeaderCell>
                <TableHeaderCell>Old</TableHeaderCell>
                <TableHeaderCell>New</TableHeaderCell>
              </tr>
            </TableHeader>
            <TableBody>
              {fields.map((field) => (
                <TableRow key={field}>
                  <TableCell className="font-medium">{field}</TableCell>
                  <TableCell className="font-mono text-xs break-all">{shown(event.before?.[field])}</TableCell>
                  <TableCell className="font-mono text-xs break-all">{shown(event.after?.[field])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-2">
          <dt className="text-slate-600">Actor</dt>
          <dd>
            <AuditParty id={event.actor} person={event.actorPerson} fallback="System" />
            {event.actorKind && <span className="text-xs text-slate-500">{ACTOR_KINDS[event.actorKind]}</span>}
          </dd>
          <dt className="text-slate-600">Target</dt>
          <dd>
            <AuditParty id={event.target} person={event.targetPerson} fallback="None" />
          </dd>
          <dt className="text-slate-600">Address</dt>
          <dd className="font-mono text-xs">{event.ip ?? '—'}</dd>
          <dt className="text-slate-600">User agent</dt>
          <dd className="text-xs break-words">{event.userAgent ?? '—'}</dd>
          <dt className="text-slate-600">Request id</dt>
          <dd className="font-mono text-xs break-all">{event.requestId ?? '—'}</dd>
          <dt className="text-slate-600">Event</dt>
          <dd className="font-mono text-xs">#{event.id}</dd>
        </dl>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
