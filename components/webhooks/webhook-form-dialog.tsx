'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog } from '@/components/ui/dialog';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { FormErrorSummary } from '@/components/users/form-error-summary';
import { createWebhookAction, updateWebhookAction } from '@/lib/actions/webhooks';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@/lib/webhooks/events';
import { webhookCreateSchema } from '@/lib/webhooks/schemas';
import { EVENT_LABELS } from './webhook-labels';

export type EditableWebhook = { id: string; url: string; description: string | null; events: WebhookEventType[] };

// The API's rules; the description box says "" for none, which the schema turns into null.
const formSchema = webhookCreateSchema.extend({ description: z.string() });
type FormValues = z.input<typeof formSchema>;
const FIELDS = ['url', 'description', 'events', 'enabled'] as const;
const URL_HINT = 'Gatehouse POSTs each event here as signed JSON. It must be reachable on a public address.';

type WebhookFormDialogProps = {
  /** The endpoint to edit; without it, the dialog registers one. */
  webhook?: EditableWebhook;
  /** After a registration: the new endpoint's secret, which the page shows once. */
  onCreated?: (created: { id: string; url: string; secret: string }) => void;
  onClose: () => void;
};

/** Registers or edits a webhook endpoint, with each error beside its field. */
export function WebhookFormDialog({ webhook, onCreated, onClose }: WebhookFormDialogProps) {
  const form = useForm<FormValues, unknown, z.output<typeof formSchema>>({
    resolver: zodResolver(formSchema),
    defaultValues: { url: webhook?.url ?? '', description: webhook?.description ?? '', events: webhook?.events ?? [], enabled: true },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (webhook) {
      const { enabled: _, ...changes } = values;
      const result = await updateWebhookAction(webhook.id, changes);
      if (result.ok) return onClose();
      return showFormFailure(form, result, FIELDS);
    }
    const result = await createWebhookAction(values);
    if (result.ok) return onCreated?.({ id: result.id, url: values.url, secret: result.secret });
    showFormFailure(form, result, FIELDS);
  });

  const eventsError = errors.events?.message ?? errors.events?.root?.message;
  return (
    <Dialog title={webhook ? 'Edit webhook endpoint' : 'New webhook endpoint'} onClose={onClose} className="max-w-lg">
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4 text-sm">
        <FormErrorSummary message={errors.root?.server?.message} />
        <FormField id="webhook-url" label="URL" hint={URL_HINT} error={errors.url?.message}>
          <Input
            {...fieldDescription('webhook-url', { hint: URL_HINT, error: errors.url?.message })}
            type="url"
            inputMode="url"
            placeholder="https://example.com/hooks/gatehouse"
            autoComplete="off"
            autoFocus
            {...form.register('url')}
          />
        </FormField>
        <FormField id="webhook-description" label="Description (optional)" error={errors.description?.message}>
          <Input {...fieldDescription('webhook-description', { error: errors.description?.message })} autoComplete="off" {...form.register('description')} />
        </FormField>
        <fieldset aria-describedby={eventsError ? 'webhook-events-error' : undefined} aria-invalid={eventsError ? true : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">Events</legend>
          <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2">
                <Checkbox value={type} className="mt-0.5" {...form.register('events')} />
                <span>
                  <span className="block text-slate-800">{EVENT_LABELS[type]}</span>
                  <code className="text-xs text-slate-500">{type}</code>
                </span>
              </label>
            ))}
          </div>
          {eventsError && (
            <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
              {eventsError}
            </p>
          )}
        </fieldset>
        {!webhook && (
          <label className="flex items-center gap-2">
            <Checkbox {...form.register('enabled')} />
            <span className="text-slate-800">Enabled: send events to it from now on</span>
          </label>
        )}
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {webhook ? (isSubmitting ? 'Saving…' : 'Save') : isSubmitting ? 'Registering…' : 'Register endpoint'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
