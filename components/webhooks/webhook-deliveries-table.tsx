import Link from 'next/link';
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/pages/format';
import type { WebhookDeliveryView } from '@/lib/webhooks/endpoints';
import { DeliveryStatusBadge } from './webhook-labels';
import { RedeliverButton } from './redeliver-button';

type Paging = { newestHref: string | null; olderHref: string | null };

/** An endpoint's delivery log, newest event first, each with a Redeliver button. */
export function WebhookDeliveriesTable({ endpointId, deliveries, paging, canRedeliver }: { endpointId: string; deliveries: WebhookDeliveryView[]; paging: Paging; canRedeliver: boolean }) {
  return (
    <Table
      caption="Deliveries"
      footer={
        (paging.newestHref || paging.olderHref) && (
          <nav aria-label="Deliveries pages" className="flex justify-between border-t border-slate-200 px-3 py-2 text-sm">
            {paging.newestHref ? (
              <Link href={paging.newestHref} className="font-medium text-indigo-700 hover:underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {paging.olderHref && (
              <Link href={paging.olderHref} className="font-medium text-indigo-700 hover:underline">
                Older →
              </Link>
            )}
          </nav>
        )
      }
    >
      <TableHeader>
        <tr>
          <TableHeaderCell>Event time</TableHeaderCell>
          <TableHeaderCell>Event</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Response</TableHeaderCell>
          <TableHeaderCell className="text-right">Attempts</TableHeaderCell>
          <TableHeaderCell>Last attempt</TableHeaderCell>
          <TableActionsHeaderCell />
        </tr>
      </TableHeader>
      <TableBody>
        {deliveries.map((delivery) => (
          <TableRow key={delivery.id}>
            <th scope="row" className="px-3 py-2 align-top font-normal whitespace-nowrap">
              {formatDateTime(delivery.createdAt)}
              <code className="block text-xs text-slate-500">{delivery.id}</code>
            </th>
            <TableCell className="align-top">
              <code className="text-xs">{delivery.eventType}</code>
            </TableCell>
            <TableCell className="max-w-xs align-top">
              <DeliveryStatusBadge status={delivery.status} />
              {delivery.error && <span className="mt-1 block text-xs text-slate-600">{delivery.error}</span>}
              {delivery.status === 'pending' && delivery.nextAttemptAt && <span className="mt-1 block text-xs text-slate-500">Next attempt {formatDateTime(delivery.nextAttemptAt)}</span>}
            </TableCell>
            <TableCell className="text-right align-top tabular-nums">{delivery.responseStatus ?? '—'}</TableCell>
            <TableCell className="text-right align-top tabular-nums">{delivery.attempts}</TableCell>
            <TableCell className="align-top whitespace-nowrap">{delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt) : 'Not yet'}</TableCell>
            <TableCell tight className="text-right align-top">
              {canRedeliver && <RedeliverButton endpointId={endpointId} deliveryId={delivery.id} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
