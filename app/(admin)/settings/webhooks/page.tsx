import type { Metadata } from 'next';
import { WebhooksList } from '@/components/webhooks/webhooks-list';
import { requireOperation } from '@/lib/auth/session';
import { listWebhookEndpoints } from '@/lib/webhooks/endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

/** The registered webhook endpoints: register, edit, enable or disable, delete; each links to its delivery log. */
export default async function WebhooksPage() {
  await requireOperation('webhooks.manage');
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" className="mb-1 text-base font-semibold text-slate-900">
        Webhook endpoints
      </h2>
      <WebhooksList endpoints={await listWebhookEndpoints()} />
    </section>
  );
}
