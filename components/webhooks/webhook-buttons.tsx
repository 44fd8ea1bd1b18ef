'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { setWebhookEnabledAction } from '@/lib/actions/webhooks';
import { cn } from '@/lib/pages/cn';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { WebhookFormDialog, type EditableWebhook } from './webhook-form-dialog';

type WebhookButtonsProps = {
  webhook: EditableWebhook & { enabled: boolean };
  /** In a table row: small ghost buttons. On the endpoint's page: full buttons, and deleting goes back to the list. */
  compact?: boolean;
};

/** Edit, enable or disable, and delete one endpoint. */
export function WebhookButtons({ webhook, compact = false }: WebhookButtonsProps) {
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const variant = compact ? 'ghost' : 'secondary';
  const size = compact ? 'px-2.5 py-1' : '';

  const toggle = () =>
    startTransition(async () => {
      const result = await setWebhookEnabledAction(webhook.id, !webhook.enabled);
      if (!result.ok) return setError(result.message);
      setError(null);
      toast(webhook.enabled ? `Disabled ${webhook.url}: it receives nothing until enabled.` : `Enabled ${webhook.url}.`);
    });

  return (
    <>
      <div className={cn('flex flex-wrap gap-2', compact ? 'justify-end gap-0' : '')}>
        <Button variant={variant} className={size} aria-label={compact ? `Edit ${webhook.url}` : undefined} onClick={() => setDialog('edit')}>
          Edit
        </Button>
        <Button variant={variant} className={size} aria-label={compact ? `${webhook.enabled ? 'Disable' : 'Enable'} ${webhook.url}` : undefined} disabled={pending} onClick={toggle}>
          {webhook.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button
          variant={compact ? 'ghost' : 'danger'}
          className={cn(size, compact && 'text-red-700 hover:bg-red-50')}
          aria-label={compact ? `Delete ${webhook.url}` : undefined}
          onClick={() => setDialog('delete')}
        >
          Delete
        </Button>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
      {dialog === 'edit' && <WebhookFormDialog webhook={webhook} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteWebhookDialog webhook={webhook} backToList={!compact} onClose={() => setDialog(null)} />}
    </>
  );
}
