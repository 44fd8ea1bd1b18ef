import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { EndpointStateBadge, EVENT_LABELS } from '@/components/webhooks/webhook-labels';
import { WebhookButtons } from '@/components/webhooks/webhook-buttons';
import { WebhookDeliveriesTable } from '@/components/webhooks/webhook-deliveries-table';
import { requireOperation } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/pages/format';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { getWebhookEndpoint, listWebhookDeliveries } from '@/lib/webhooks/endpoints';
import { WEBHOOK_DELIVERIES_PAGE_SIZE, webhookDeliveriesQuerySchema } from '@/lib/webhooks/schemas';

export const metadata: Metadata = { title: 'Webhook endpoint' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One endpoint: what it receives, its state, and its delivery log with redelivery. */
export default async function WebhookPage({ params, searchParams }: Props) {
  await requireOperation('webhooks.manage');
  const { id } = await params;
  const endpoint = await foundOrNotFound(() => getWebhookEndpoint(id));
  const query = webhookDeliveriesQuerySchema.safeParse(await searchParams);
  const { limit, cursor } = query.success ? query.data : { limit: WEBHOOK_DELIVERIES_PAGE_SIZE, cursor: undefined };
  const { items, nextCursor } = await listWebhookDeliveries(id, { limit, cursor });
  const base = `/settings/webhooks/${id}`;

  return (
    <>
      {/* While a delivery waits for an attempt, the log follows it. */}
      <AutoRefresh enabled={items.some((delivery) => delivery.status === 'pending')} intervalMs={3_000} />
      <Link href="/settings/webhooks" className="text-sm text-indigo-700 hover:underline">
        ← Webhook endpoints
      </Link>
      <section aria-labelledby="webhook-title" className="mt-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id="webhook-title" className="text-base font-semibold break-all text-slate-900">
              {endpoint.url}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {endpoint.description ? `${endpoint.description}. ` : ''}Registered {formatDateTime(endpoint.createdAt)}.
            </p>
          </div>
          <WebhookButtons webhook={endpoint} />
        </div>
        <div className="mt-3 flex items-center gap-2 text-sm">
          <EndpointStateBadge enabled={endpoint.enabled} />
          {endpoint.enabled && endpoint.failingSince && <span className="text-amber-800">Deliveries failing since {formatDateTime(endpoint.failingSince)}.</span>}
        </div>
        {endpoint.disabledReason && (
          <Alert className="mt-3" aria-label="Why the endpoint was disabled">
            Gatehouse disabled this endpoint. {endpoint.disabledReason} Enable it once the receiver works again.
          </Alert>
        )}
        <h3 className="mt-4 text-sm font-medium text-slate-800">Events it receives</h3>
        <ul className="mt-1 grid gap-x-4 gap-y-0.5 text-sm text-slate-700 sm:grid-cols-2">
          {endpoint.events.map((type) => (
            <li key={type}>
              {EVENT_LABELS[type]} <code className="text-xs text-slate-500">{type}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="deliveries-title" className="mt-6">
        <h2 id="deliveries-title" className="mb-3 text-base font-semibold text-slate-900">
          Deliveries
        </h2>
        {!query.success && <Alert className="mb-3">This page of deliveries cannot be shown: {query.error.issues.map((issue) => issue.message).join(' ')} The newest are shown instead.</Alert>}
        {items.length === 0 ? (
          <EmptyState title={cursor ? 'No older deliveries' : 'No deliveries yet'}>
            <p>{cursor ? 'This is past the end of the log.' : 'When one of its events happens, the delivery shows here with the receiver’s answer.'}</p>
          </EmptyState>
        ) : (
          <WebhookDeliveriesTable
            endpointId={id}
            deliveries={items}
            canRedeliver={endpoint.enabled}
            paging={{ newestHref: cursor ? base : null, olderHref: nextCursor ? `${base}?cursor=${nextCursor}` : null }}
          />
        )}
      </section>
    </>
  );
}
