'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useDebounce } from '@/components/ui/use-debounce';
import { previewInactivityPolicyAction, updateInactivityPolicyAction } from '@/lib/actions/settings';
import { INACTIVITY_DAYS, inactivityPolicySchema, type InactivityPolicy, type InactivityPreview } from '@/lib/inactivity/policy';
import { formatCount } from '@/lib/pages/format';

type PolicyValues = z.input<typeof inactivityPolicySchema>;

const SUSPEND_ID = 'inactivity-suspend-after';
const WARN_ID = 'inactivity-warn-before';
const SCOPE_ID = 'inactivity-exempt-scope';
const FIELDS = ['enabled', 'suspendAfterDays', 'warnDaysBefore', 'exemptAdmins', 'exemptScope'] as const;

type PreviewState = { state: 'loading' } | { state: 'invalid' } | { state: 'failed'; message: string } | { state: 'ready'; preview: InactivityPreview };

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The inactivity policy, with what the values in the form would do today, counted by the
 * server as they are typed (before saving, and before the policy is turned on).
 */
export function InactivityPolicyForm({ settings }: { settings: InactivityPolicy }) {
  const form = useForm<PolicyValues, unknown, InactivityPolicy>({ resolver: zodResolver(inactivityPolicySchema), defaultValues: settings, mode: 'onChange' });
  const { isSubmitting, errors } = form.formState;
  const [saved, setSaved] = useState(false);
  const values = useWatch({ control: form.control });
  const parsed = inactivityPolicySchema.safeParse(values);
  // The answer for which values: a change of the form makes it stale until the next answer comes.
  const asked = parsed.success ? JSON.stringify(parsed.data) : null;
  const [answer, setAnswer] = useState<{ asked: string; preview: PreviewState } | null>(null);
  const preview: PreviewState = !asked ? { state: 'invalid' } : answer?.asked === asked ? answer.preview : { state: 'loading' };
  const debounce = useDebounce(400);

  useEffect(() => {
    if (!asked) return debounce.cancel();
    debounce.run(async () => {
      const result = await previewInactivityPolicyAction(JSON.parse(asked) as InactivityPolicy);
      setAnswer({ asked, preview: result.ok ? { state: 'ready', preview: result.preview } : { state: 'failed', message: result.message } });
    });
  }, [asked, debounce]);

  const onSubmit = form.handleSubmit(async (input) => {
    setSaved(false);
    const result = await updateInactivityPolicyAction(input);
    if (result.ok) {
      form.reset(result.settings);
      setSaved(true);
      return;
    }
    showFormFailure(form, result, FIELDS);
  });

  const suspendHint = `From ${INACTIVITY_DAYS.suspendAfter.min} to ${INACTIVITY_DAYS.suspendAfter.max} days without a sign-in (counted from creation for those who never signed in, and from an admin’s last change, such as a reactivation).`;
  const warnHint = '0 sends no warning. Must be fewer days than the suspension.';
  const scopeHint = 'Users holding this scope (service accounts, for example) are never suspended. Leave empty for none.';

  return (
    <form onSubmit={onSubmit} noValidate onChange={() => setSaved(false)} className="space-y-5">
      {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
      <div className="grid gap-5 md:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
        <div className="space-y-5">
          <label className="flex cursor-pointer items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" className="mt-0.5 size-4 cursor-pointer accent-indigo-600" {...form.register('enabled')} />
            <span>
              <span className="font-medium">Suspend inactive accounts</span>
              <span className="block text-xs text-slate-500">A daily job applies the policy while this is on. Admins can reactivate a suspended account.</span>
            </span>
          </label>

          <FormField id={SUSPEND_ID} label="Suspend after (days without activity)" hint={suspendHint} error={errors.suspendAfterDays?.message} className="max-w-md">
            <div className="w-32">
              <Input
                type="number"
                inputMode="numeric"
                min={INACTIVITY_DAYS.suspendAfter.min}
                max={INACTIVITY_DAYS.suspendAfter.max}
                step={1}
                {...fieldDescription(SUSPEND_ID, { hint: suspendHint, error: errors.suspendAfterDays?.message })}
                {...form.register('suspendAfterDays', { valueAsNumber: true, deps: ['warnDaysBefore'] })}
              />
            </div>
          </FormField>

          <FormField id={WARN_ID} label="Mail a warning (days before)" hint={warnHint} error={errors.warnDaysBefore?.message} className="max-w-md">
            <div className="w-32">
              <Input
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                {...fieldDescription(WARN_ID, { hint: warnHint, error: errors.warnDaysBefore?.message })}
                {...form.register('warnDaysBefore', { valueAsNumber: true })}
              />
            </div>
          </FormField>

          <fieldset className="space-y-3">
            <legend className="mb-1 text-sm font-medium text-slate-700">Never suspend</legend>
            <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="size-4 cursor-pointer accent-indigo-600" {...form.register('exemptAdmins')} />
              System admins and tenant admins
            </label>
            <FormField id={SCOPE_ID} label="Holders of the scope" hint={scopeHint} error={errors.exemptScope?.message} className="max-w-md">
              <Input
                type="text"
                autoComplete="off"
                spellCheck={false}
                placeholder="none"
                {...fieldDescription(SCOPE_ID, { hint: scopeHint, error: errors.exemptScope?.message })}
                {...form.register('exemptScope', { setValueAs: (value: string | null) => (value?.trim() ? value.trim() : null) })}
              />
            </FormField>
          </fieldset>
        </div>

        <section aria-labelledby="inactivity-preview-title" className="self-start rounded-md border border-slate-200 bg-slate-50 p-4">
          <h3 id="inactivity-preview-title" className="text-sm font-semibold text-slate-900">
            Today
          </h3>
          <div aria-live="polite" aria-busy={preview.state === 'loading'} className="mt-1 text-sm text-slate-700" data-testid="inactivity-preview">
            {preview.state === 'loading' && <p className="text-slate-500">Counting…</p>}
            {preview.state === 'invalid' && <p className="text-slate-500">Correct the highlighted fields to see what this policy would do.</p>}
            {preview.state === 'failed' && <p className="text-red-700">The preview could not be counted: {preview.message}</p>}
            {preview.state === 'ready' && (
              <p>
                This policy would suspend <strong>{plural(preview.preview.wouldSuspend, 'user', 'users')}</strong> and warn{' '}
                <strong>{plural(preview.preview.wouldWarn, 'user', 'users')}</strong>.
              </p>
            )}
          </div>
          <p className="mt-2 text-xs text-slate-500">Counted for the values in this form, saved or not. Accounts already past the limit are suspended at the first run, without a warning.</p>
        </section>
      </div>

      {saved && <Alert tone="success">Inactivity policy saved.</Alert>}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save policy'}
      </Button>
    </form>
  );
}
