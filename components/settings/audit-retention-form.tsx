'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { updateAuditRetentionAction } from '@/lib/actions/settings';
import { AUDIT_RETENTION_DAYS, auditRetentionSchema } from '@/lib/audit/retention-rules';
import type { AuditRetentionSettings } from '@/lib/audit/retention-settings';

type RetentionValues = z.input<typeof auditRetentionSchema>;

const DAYS_ID = 'audit-retention-days';

/** How many days the audit trail keeps events; a value pinned by the environment is shown, not editable. */
export function AuditRetentionForm({ settings }: { settings: AuditRetentionSettings }) {
  const form = useForm<RetentionValues, unknown, z.output<typeof auditRetentionSchema>>({ resolver: zodResolver(auditRetentionSchema), defaultValues: { days: settings.days } });
  const { isSubmitting, errors } = form.formState;
  const [saved, setSaved] = useState(false);

  const onSubmit = form.handleSubmit(async (input) => {
    setSaved(false);
    const result = await updateAuditRetentionAction(input);
    if (result.ok) {
      form.reset({ days: result.settings.days });
      setSaved(true);
      return;
    }
    showFormFailure(form, result, ['days'], { summary: 'unless-marked' });
  });

  const hint = settings.pinned
    ? 'Set by AUDIT_RETENTION_DAYS in the server’s environment: change it there.'
    : `From ${AUDIT_RETENTION_DAYS.min} to ${AUDIT_RETENTION_DAYS.max} days; the default is ${AUDIT_RETENTION_DAYS.default}. Older events are removed once a day.`;
  const error = errors.days?.message;

  return (
    <form onSubmit={onSubmit} noValidate onChange={() => setSaved(false)} className="space-y-5">
      {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
      <FormField id={DAYS_ID} label="Keep events for (days)" hint={hint} error={error} className="max-w-sm">
        <div className="w-32">
          <Input
            type="number"
            inputMode="numeric"
            min={AUDIT_RETENTION_DAYS.min}
            max={AUDIT_RETENTION_DAYS.max}
            step={1}
            readOnly={settings.pinned}
            className="read-only:bg-slate-50 read-only:text-slate-600"
            {...fieldDescription(DAYS_ID, { hint, error })}
            {...form.register('days', { valueAsNumber: true })}
          />
        </div>
      </FormField>
      <p className="text-sm text-slate-600">Removing old events keeps the trail verifiable: the check starts from the first kept event.</p>
      {saved && <Alert tone="success">Audit retention saved.</Alert>}
      <Button type="submit" disabled={isSubmitting || settings.pinned}>
        {isSubmitting ? 'Saving…' : 'Save retention'}
      </Button>
    </form>
  );
}
