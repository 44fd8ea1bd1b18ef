'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { redeliverWebhookAction } from '@/lib/actions/webhooks';

/** Puts a delivery back in line, due now; the log shows it pending until the receiver answers. */
export function RedeliverButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const redeliver = () =>
    startTransition(async () => {
      const result = await redeliverWebhookAction(endpointId, deliveryId);
      if (!result.ok) return setError(result.message);
      setError(null);
      toast(`Delivery ${deliveryId} is queued again.`);
    });
  return (
    <>
      <Button variant="ghost" className="px-2.5 py-1" aria-label={`Redeliver ${deliveryId}`} disabled={pending} onClick={redeliver}>
        {pending ? 'Queuing…' : 'Redeliver'}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
