import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TablePagination, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/pages/format';
import type { OutboxEntry } from '@/lib/mail/outbox';

const KIND_LABELS: Record<OutboxEntry['kind'], string> = {
  invitation: 'Invitation',
  'password-reset': 'Password reset',
  'password-changed': 'Password changed',
  'sign-up': 'Sign-up confirmation',
  'sign-up-refused': 'Sign-up not possible',
  'webhook-disabled': 'Webhook disabled',
  'inactivity-warning': 'Inactivity warning',
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

/**
 * Recent outgoing mail, a page at a time (the page is in the URL: `href(offset)`). Bodies are
 * previews, without the links that carry codes, and shown as text.
 */
export function MailTable({ mails, offset, limit, total, href }: { mails: OutboxEntry[]; offset: number; limit: number; total: number; href: (offset: number) => string }) {
  return (
    <Table
      caption="Recent mail, newest first"
      footer={
        <TablePagination
          first={offset + 1}
          shown={mails.length}
          total={total}
          previous={offset > 0 ? href(Math.max(0, offset - limit)) : null}
          next={offset + mails.length < total ? href(offset + limit) : null}
          rangeTestId="mail-range"
        />
      }
    >
      <TableHeader>
        <tr>
          <TableHeaderCell>Recipient</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Mail</TableHeaderCell>
          <TableHeaderCell className="text-right">Attempts</TableHeaderCell>
          <TableHeaderCell>When</TableHeaderCell>
        </tr>
      </TableHeader>
      <TableBody>
        {mails.map((mail) => {
          const state = deliveryState(mail);
          return (
            <TableRow key={mail.id} className="align-top">
              <TableCell className="max-w-72 min-w-40 font-medium wrap-anywhere text-slate-900 sm:min-w-52">{mail.to}</TableCell>
              <TableCell>
                <Badge tone={state.tone} title={state.description}>
                  {state.label}
                </Badge>
                {mail.error && (mail.status === 'failed' || mail.status === 'queued') && (
                  <p className="mt-1 max-w-xs text-xs break-words text-red-700">{mail.error}</p>
                )}
              </TableCell>
              <TableCell className="min-w-64">
                <span className="block text-slate-900">{mail.subject}</span>
                <span className="block text-xs text-slate-500">{KIND_LABELS[mail.kind]}</span>
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
                    Show text<span className="sr-only"> of the mail to {mail.to}</span>
                  </summary>
                  <pre className="mt-2 max-w-lg rounded border border-slate-200 bg-slate-50 p-2 font-sans text-xs whitespace-pre-wrap break-words text-slate-700">{mail.preview}</pre>
                </details>
              </TableCell>
              <TableCell className="text-right tabular-nums">{mail.attempts}</TableCell>
              <TableCell className="text-xs whitespace-nowrap">
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
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
