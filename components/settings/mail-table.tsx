import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button, buttonClassName } from '@/components/ui/button';
import { formatCount, formatDateTime } from '@/lib/format';
import type { OutboxEntry } from '@/lib/mail';

const KIND_LABELS: Record<OutboxEntry['kind'], string> = {
  invitation: 'Invitation',
  'password-reset': 'Password reset',
  'password-changed': 'Password changed',
  'sign-up': 'Sign-up confirmation',
  'sign-up-refused': 'Sign-up not possible',
};

type DeliveryState = { label: string; tone: BadgeTone; description: string };

/** A queued mail that already failed once is waiting to be retried: say so, it is not just slow. */
function deliveryState(mail: OutboxEntry): DeliveryState {
  switch (mail.status) {
    case 'sent':
      return { label: 'sent', tone: 'green', description: 'Handed to the mail server.' };
    case 'logged':
      return { label: 'logged', tone: 'neutral', description: 'Printed to the server log: SMTP_URL is not set.' };
    case 'failed':
      return { label: 'failed', tone: 'red', description: 'Given up after the last attempt.' };
    case 'queued':
      return mail.attempts > 0
        ? { label: 'retrying', tone: 'amber', description: 'The last attempt failed; it is tried again.' }
        : { label: 'queued', tone: 'indigo', description: 'Waiting to be sent.' };
  }
}

function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}

/** Recent outgoing mail. Bodies are previews, without the links that carry codes, and shown as text. */
export function MailTable({ mails }: { mails: OutboxEntry[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Recent mail, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5 font-semibold">Recipient</th>
            <th scope="col" className="px-3 py-2.5 font-semibold">Status</th>
            <th scope="col" className="px-3 py-2.5 font-semibold">Mail</th>
            <th scope="col" className="px-3 py-2.5 text-right font-semibold">Attempts</th>
            <th scope="col" className="px-3 py-2.5 font-semibold">When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {mails.map((mail) => {
            const state = deliveryState(mail);
            return (
              <tr key={mail.id} className="align-top text-slate-700">
                <td className="max-w-72 min-w-40 px-3 py-2.5 font-medium wrap-anywhere text-slate-900 sm:min-w-52">{mail.to}</td>
                <td className="px-3 py-2.5">
                  <Badge tone={state.tone} title={state.description}>
                    {state.label}
                  </Badge>
                  {mail.error && (mail.status === 'failed' || mail.status === 'queued') && (
                    <p className="mt-1 max-w-xs text-xs break-words text-red-700">{mail.error}</p>
                  )}
                </td>
                <td className="min-w-64 px-3 py-2.5">
                  <span className="block text-slate-900">{mail.subject}</span>
                  <span className="block text-xs text-slate-500">{KIND_LABELS[mail.kind]}</span>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
                      Show text<span className="sr-only"> of the mail to {mail.to}</span>
                    </summary>
                    <pre className="mt-2 max-w-lg rounded border border-slate-200 bg-slate-50 p-2 font-sans text-xs whitespace-pre-wrap break-words text-slate-700">{mail.preview}</pre>
                  </details>
                </td>
                <td className="px-3 py-2.5 text-right tabular-nums">{mail.attempts}</td>
                <td className="px-3 py-2.5 text-xs whitespace-nowrap">
                  <span className="block">
                    <span className="text-slate-500">Created</span> <Time date={mail.createdAt} />
                  </span>
                  <span className="block">
                    {mail.sentAt ? (
                      <>
                        <span className="text-slate-500">Sent</span> <Time date={mail.sentAt} />
                      </>
                    ) : mail.status === 'queued' && mail.nextAttemptAt ? (
                      <>
                        <span className="text-slate-500">Next try</span> <Time date={mail.nextAttemptAt} />
                      </>
                    ) : (
                      <span className="text-slate-500">Not sent</span>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "1–50 of 123" and links to the previous and next pages (the page is in the URL). */
export function MailPagination({ offset, limit, shown, total, href }: { offset: number; limit: number; shown: number; total: number; href: (offset: number) => string }) {
  const linkClass = buttonClassName('secondary', 'px-3 py-1');
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-3 py-2.5 text-sm text-slate-700">
      <p data-testid="mail-range">
        {formatCount(offset + 1)}–{formatCount(offset + shown)} of {formatCount(total)}
      </p>
      <div className="flex items-center gap-2">
        {offset > 0 ? (
          <Link href={href(Math.max(0, offset - limit))} className={linkClass}>
            Previous
          </Link>
        ) : (
          <Button variant="secondary" className="px-3 py-1" disabled>
            Previous
          </Button>
        )}
        {offset + shown < total ? (
          <Link href={href(offset + limit)} className={linkClass}>
            Next
          </Link>
        ) : (
          <Button variant="secondary" className="px-3 py-1" disabled>
            Next
          </Button>
        )}
      </div>
    </nav>
  );
}
