'use client';

import { useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { FormField, fieldDescription } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { startBulkActionAction } from '@/lib/actions/bulk-actions';
import { BULK_ACTIONS, usersCount, type BulkAction } from '@/lib/bulk/actions';
import type { TenantSummary } from '@/lib/tenants/tenants';

/** Whom a bulk action is for: the selected rows, or everyone the list's search and filters match. */
export type BulkSelection = { ids: string[] } | { pattern: string | undefined; filter: string[] };

/** A job just started, for the progress bar. */
export type StartedBulkAction = { id: string; action: BulkAction; stepsTotal: number };

type BulkActionDialogProps = {
  action: BulkAction;
  selection: BulkSelection;
  /** How many users that is, as the list counted them; `approximate` when the list's total was an estimate. */
  count: number;
  approximate?: boolean;
  /** The tenants the caller may name, for the tenant actions. */
  tenants: TenantSummary[];
  onStarted: (job: StartedBulkAction) => void;
  onClose: () => void;
};

const CONSEQUENCES: Partial<Record<BulkAction, string>> = {
  suspend: 'Suspended users are signed out at once and cannot sign in until they are activated again.',
  activate: 'Suspended and locked users can sign in again. Invited users stay invited until they accept.',
  delete: 'Each user is deleted with their tokens, permissions, memberships and profile; their sessions end at once. This cannot be undone.',
};

/**
 * Asks before a bulk action, naming the action and how many users it is for (the scope and
 * tenant actions ask which scope or tenant too), then starts it as a background job. Yourself,
 * the last admin and users beyond your reach are refused by the job, not here.
 */
export function BulkActionDialog({ action, selection, count, approximate = false, tenants, onStarted, onClose }: BulkActionDialogProps) {
  const who = `${approximate ? 'about ' : ''}${usersCount(count)}`;
  const { verb } = BULK_ACTIONS[action];
  const start = async (extra: { scope?: string; tenant?: string; role?: 'admin' | 'user' }): Promise<string | undefined> => {
    const outcome = await startBulkActionAction({ action, ...selection, ...extra });
    if (!outcome.ok) return outcome.fieldErrors.map((error) => error.message).join(' ') || outcome.message;
    onStarted({ id: outcome.id, action, stepsTotal: outcome.stepsTotal });
  };

  if (BULK_ACTIONS[action].needs === null) {
    return (
      <ConfirmDialog
        title={`${verb} ${who}?`}
        description={<p>{CONSEQUENCES[action]} It runs in the background; you can follow it and cancel it here.</p>}
        tone={action === 'activate' ? 'primary' : 'danger'}
        typedConfirmation={
          action === 'delete'
            ? {
                label: (
                  <>
                    Type <span className="font-mono text-slate-900">{count}</span> or <span className="font-mono text-slate-900">DELETE</span> to confirm
                  </>
                ),
                accepts: (typed) => typed === String(count) || typed.toUpperCase() === 'DELETE',
              }
            : undefined
        }
        confirmLabel={`${verb} ${who}`}
        pendingLabel="Starting…"
        onConfirm={() => start({})}
        onClose={onClose}
      />
    );
  }
  return <ArgumentDialog action={action} who={who} tenants={tenants} start={start} onClose={onClose} />;
}

/** The scope and tenant actions: which scope or tenant (and role), then confirm. */
function ArgumentDialog({
  action,
  who,
  tenants,
  start,
  onClose,
}: {
  action: BulkAction;
  who: string;
  tenants: TenantSummary[];
  start: (extra: { scope?: string; tenant?: string; role?: 'admin' | 'user' }) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const fieldId = useId();
  const roleId = useId();
  const [value, setValue] = useState(action.endsWith('tenant') ? (tenants[0]?.id ?? '') : '');
  const [role, setRole] = useState<'admin' | 'user'>('user');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const byScope = BULK_ACTIONS[action].needs === 'scope';
  const { verb } = BULK_ACTIONS[action];
  const title = byScope ? `${verb} for ${who}` : `${verb}: ${who}`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!value.trim()) return setError(byScope ? 'Enter a scope.' : 'Choose a tenant.');
    startTransition(async () => {
      const refusal = await start(byScope ? { scope: value.trim() } : { tenant: value, ...(action === 'add-to-tenant' ? { role } : {}) });
      if (refusal) setError(refusal);
    });
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="mt-3 space-y-4" noValidate>
        <p className="text-slate-700">It runs in the background; you can follow it and cancel it here. Each change is recorded in the audit trail as if made one by one.</p>
        {byScope ? (
          <FormField id={fieldId} label="Scope" hint="For example tester or acme1. The admin scope makes system admins." error={error ?? undefined}>
            <Input {...fieldDescription(fieldId, { hint: true, error: error ?? undefined })} value={value} onChange={(event) => setValue(event.target.value)} autoComplete="off" spellCheck={false} />
          </FormField>
        ) : (
          <>
            <FormField id={fieldId} label="Tenant" error={error ?? undefined}>
              <Select {...fieldDescription(fieldId, { error: error ?? undefined })} value={value} onChange={(event) => setValue(event.target.value)}>
                {tenants.map((tenant) => (
                  <option key={tenant.id} value={tenant.id}>
                    {tenant.name}
                  </option>
                ))}
              </Select>
            </FormField>
            {action === 'add-to-tenant' && (
              <FormField id={roleId} label="Role in the tenant">
                <Select id={roleId} value={role} onChange={(event) => setRole(event.target.value as 'admin' | 'user')}>
                  <option value="user">Member</option>
                  <option value="admin">Tenant admin</option>
                </Select>
              </FormField>
            )}
          </>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? 'Starting…' : `${verb}: ${who}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
