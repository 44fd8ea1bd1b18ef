'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/pages/format';
import type { WebhookEndpointView } from '@/lib/webhooks/endpoints';
import { DeliveryStatusBadge, EndpointStateBadge } from './webhook-labels';
import { WebhookButtons } from './webhook-buttons';
import { WebhookFormDialog } from './webhook-form-dialog';
import { WebhookSecretDialog } from './webhook-secret-dialog';

/** The registered endpoints, with a form to register one and its secret shown once after. */
export function WebhooksList({ endpoints }: { endpoints: WebhookEndpointView[] }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  return (
    <>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">
          Gatehouse POSTs each event to the endpoints that subscribe to it, signed as the Standard Webhooks specification says, and retries failed deliveries for about a day. An endpoint that
          fails for a day is disabled and the admins are mailed.
        </p>
        <Button onClick={() => setCreating(true)}>New endpoint</Button>
      </div>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">
          <p>Register an endpoint to have user, permission, tenant and sign-in changes sent to another system as they happen.</p>
        </EmptyState>
      ) : (
        <Table caption="Webhook endpoints">
          <TableHeader>
            <tr>
              <TableHeaderCell>Endpoint</TableHeaderCell>
              <TableHeaderCell>Events</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Last delivery</TableHeaderCell>
              <TableActionsHeaderCell />
            </tr>
          </TableHeader>
          <TableBody>
            {endpoints.map((endpoint) => (
              <TableRow key={endpoint.id}>
                <th scope="row" className="max-w-xs px-3 py-2 align-top font-normal">
                  <Link href={`/settings/webhooks/${endpoint.id}`} className="font-medium break-all text-indigo-700 hover:underline">
                    {endpoint.url}
                  </Link>
                  {endpoint.description && <span className="block text-xs text-slate-500">{endpoint.description}</span>}
                </th>
                <TableCell className="align-top">
                  <ul className="space-y-0.5">
                    {endpoint.events.map((type) => (
                      <li key={type}>
                        <code className="text-xs">{type}</code>
                      </li>
                    ))}
                  </ul>
                </TableCell>
                <TableCell className="max-w-xs align-top">
                  <EndpointStateBadge enabled={endpoint.enabled} />
                  {endpoint.disabledReason && <span className="mt-1 block text-xs text-slate-600">{endpoint.disabledReason}</span>}
                </TableCell>
                <TableCell className="align-top whitespace-nowrap">
                  {endpoint.lastDelivery ? (
                    <>
                      <DeliveryStatusBadge status={endpoint.lastDelivery.status} />
                      <span className="mt-1 block text-xs text-slate-500">{formatDateTime(endpoint.lastDelivery.createdAt)}</span>
                    </>
                  ) : (
                    <span className="text-slate-500">None yet</span>
                  )}
                </TableCell>
                <TableCell tight className="text-right align-top whitespace-nowrap">
                  <WebhookButtons webhook={endpoint} compact />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {creating && (
        <WebhookFormDialog
          onCreated={(endpoint) => {
            setCreating(false);
            setCreated(endpoint);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {created && <WebhookSecretDialog url={created.url} secret={created.secret} onClose={() => setCreated(null)} />}
    </>
  );
}
