'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { deleteWebhookAction } from '@/lib/actions/webhooks';

/** Asks before deleting an endpoint, saying that its delivery log goes with it. */
export function DeleteWebhookDialog({ webhook, backToList, onClose }: { webhook: { id: string; url: string }; backToList: boolean; onClose: () => void }) {
  const toast = useToast();
  return (
    <ConfirmDialog
      title="Delete this webhook endpoint?"
      description={
        <p className="break-all">
          {webhook.url} stops receiving events, and its delivery log is deleted with it; deliveries not yet made are dropped. This cannot be undone.
        </p>
      }
      confirmLabel="Delete endpoint"
      pendingLabel="Deleting…"
      onConfirm={async () => {
        const result = await deleteWebhookAction(webhook.id, backToList);
        if (!result.ok) return result.message;
        toast(`Deleted the webhook endpoint ${webhook.url}.`);
        onClose();
      }}
      onClose={onClose}
    />
  );
}
