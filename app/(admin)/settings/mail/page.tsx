import type { Metadata } from 'next';
import Link from 'next/link';
import { MailTable } from '@/components/settings/mail-table';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { requireOperation } from '@/lib/auth/session';
import { getConfig } from '@/lib/server/config';
import { listRecentMail, MAIL_LOG_PAGE_SIZE, mailLogQuerySchema } from '@/lib/mail/outbox';

export const metadata: Metadata = { title: 'Mail' };


/** The outbox, newest first: what was mailed to whom, and whether it got out. */
export default async function MailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperation('mail.read');
  const query = mailLogQuerySchema.safeParse(await searchParams);
  if (!query.success) {
    return (
      <Alert aria-label="This page of mail cannot be shown">
        <p>This page of mail cannot be shown: {query.error.issues.map((issue) => issue.message).join(' ')}</p>
        <Link href="/settings/mail" className="mt-1 inline-block font-medium underline">
          Show the latest mail
        </Link>
      </Alert>
    );
  }
  const { limit, offset } = query.data;
  const { items, total } = await listRecentMail({ limit, offset });
  const href = (to: number) => {
    const params = new URLSearchParams({ ...(limit !== MAIL_LOG_PAGE_SIZE && { limit: String(limit) }), ...(to > 0 && { offset: String(to) }) });
    return params.size ? `/settings/mail?${params}` : '/settings/mail';
  };

  return (
    <section aria-labelledby="mail-title">
      <h2 id="mail-title" className="text-base font-semibold text-slate-900">
        Recent mail
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">
        Invitations, reset links and password-change notices, newest first. Links that carry a code are left out of the text shown here.
      </p>
      {!getConfig().smtpUrl && (
        <Alert tone="info" className="mb-4">
          SMTP_URL is not set, so mail is printed to the server log instead of sent.
        </Alert>
      )}
      {total === 0 ? (
        <EmptyState title="No mail sent yet">
          <p>When Gatehouse mails an invitation, a reset link or a password-change notice, it shows here with its delivery status.</p>
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState title="No mail on this page">
          <p>
            This page is past the end of the list.{' '}
            <Link href="/settings/mail" className="font-medium text-indigo-700 hover:underline">
              Show the latest
            </Link>
          </p>
        </EmptyState>
      ) : (
        <MailTable mails={items} offset={offset} limit={limit} total={total} href={href} />
      )}
    </section>
  );
}
