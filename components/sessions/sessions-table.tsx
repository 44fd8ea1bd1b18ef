'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableEmptyRow, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { Credential } from '@/lib/auth/sessions';
import { formatDateTime } from '@/lib/pages/format';
import { describeUserAgent } from '@/lib/pages/user-agent';

type Refusal = { ok: false; message: string };
export type EndSessionAction = (id: string) => Promise<{ ok: true } | Refusal>;
export type EndSessionsAction = () => Promise<{ ok: true; ended: number } | Refusal>;

type SessionsTableProps = {
  sessions: Credential[];
  /** Whose: the caller's own on /account ("Sign out", "Sign out everywhere else"), or a named user's on their page ("End", "End all sessions"). */
  owner: { kind: 'own' } | { kind: 'user'; name: string };
  endOne: EndSessionAction;
  endAll: EndSessionsAction;
};

const KIND_LABELS: Record<Credential['kind'], string> = { browser: 'Browser', token: 'API token', 'access-key': 'Access key' };
const COLUMNS = 6;

/** What a row is, for people: the token's name or the device it came from. */
function deviceOf(session: Credential): string {
  return session.name ?? describeUserAgent(session.userAgent);
}

/**
 * The live sessions and tokens of one user, each with a button that ends it, and one that ends
 * all (all but this browser, on the caller's own list) after a confirmation. An ended row leaves
 * the list as the page refreshes; a refusal (ended meanwhile) shows above the table.
 */
export function SessionsTable({ sessions, owner, endOne, endAll }: SessionsTableProps) {
  const router = useRouter();
  const own = owner.kind === 'own';
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const others = sessions.filter((session) => !session.current);

  const end = (session: Credential) => {
    setNotice(null);
    setEnding(session.id);
    startTransition(async () => {
      const result = await endOne(session.id);
      setEnding(null);
      if (!result.ok) {
        setNotice({ tone: 'error', message: result.message });
      } else {
        setNotice({ tone: 'success', message: `${KIND_LABELS[session.kind]} (${deviceOf(session)}) ${session.kind === 'browser' ? 'signed out' : 'revoked'}.` });
      }
      router.refresh();
    });
  };

  const endEverything = async (): Promise<string | void> => {
    setNotice(null);
    const result = await endAll();
    if (!result.ok) return result.message;
    setConfirmingAll(false);
    setNotice({ tone: 'success', message: result.ended === 1 ? 'Ended 1 session.' : `Ended ${result.ended} sessions.` });
    router.refresh();
  };

  return (
    <section aria-labelledby="sessions-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 flex-1 basis-64">
          <h2 id="sessions-heading" className="text-sm font-semibold text-slate-900">
            Sessions and tokens
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            {own
              ? 'Where your account is signed in: browsers, API tokens and your access key. Sign out anything you do not recognise.'
              : `Where ${owner.name} is signed in: browsers, API tokens and their access key. Ending one signs it out at its next request.`}
          </p>
        </div>
        {own ? (
          <Button variant="secondary" disabled={others.length === 0} onClick={() => setConfirmingAll(true)}>
            Sign out everywhere else…
          </Button>
        ) : (
          <Button variant="secondary" disabled={sessions.length === 0} onClick={() => setConfirmingAll(true)}>
            End all sessions…
          </Button>
        )}
      </div>
      <div className="space-y-3 p-4">
        <div aria-live="polite">{notice && <Alert tone={notice.tone}>{notice.message}</Alert>}</div>
        <Table caption={own ? 'Your sessions and tokens' : `Sessions and tokens of ${owner.name}`}>
          <TableHeader>
            <tr>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Device</TableHeaderCell>
              <TableHeaderCell>Address</TableHeaderCell>
              <TableHeaderCell>Signed in</TableHeaderCell>
              <TableHeaderCell>Last seen</TableHeaderCell>
              <TableActionsHeaderCell />
            </tr>
          </TableHeader>
          <TableBody>
            {sessions.length === 0 && <TableEmptyRow colSpan={COLUMNS}>{own ? 'No live sessions.' : `${owner.name} is not signed in anywhere.`}</TableEmptyRow>}
            {sessions.map((session) => {
              const device = deviceOf(session);
              const signsOutHere = own && session.current;
              const action = own ? 'Sign out' : 'End';
              return (
                <TableRow key={session.id} data-session-id={session.id}>
                  <TableCell className="whitespace-nowrap">{KIND_LABELS[session.kind]}</TableCell>
                  <TableCell>
                    <span className="flex flex-wrap items-center gap-2">
                      <span title={session.userAgent ?? undefined}>{device}</span>
                      {session.current && <Badge tone="indigo">This browser</Badge>}
                    </span>
                  </TableCell>
                  <TableCell className="font-mono text-xs whitespace-nowrap">{session.address ?? 'Unknown'}</TableCell>
                  <TableCell className="whitespace-nowrap">{formatDateTime(session.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap">{session.lastSeenAt ? formatDateTime(session.lastSeenAt) : 'Not yet'}</TableCell>
                  <TableCell tight className="text-right">
                    <Button
                      variant={signsOutHere ? 'secondary' : 'ghost'}
                      className="px-3 py-1"
                      disabled={ending !== null}
                      aria-label={`${action} ${KIND_LABELS[session.kind].toLowerCase()} ${device}${session.current ? ' (this browser)' : ''}, signed in ${formatDateTime(session.createdAt)}`}
                      onClick={() => end(session)}
                    >
                      {ending === session.id ? (own ? 'Signing out…' : 'Ending…') : action}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {confirmingAll && (
        <ConfirmDialog
          title={own ? 'Sign out everywhere else?' : `End all sessions of ${owner.name}?`}
          description={
            <p>
              {own
                ? 'Every other browser, every API token and your access key stop working at once. This browser stays signed in.'
                : `Every browser, API token and the access key of ${owner.name} stop working at once. Their password is unchanged, so they can sign in again.`}
            </p>
          }
          confirmLabel={own ? 'Sign out everywhere else' : 'End all sessions'}
          pendingLabel="Ending…"
          onConfirm={endEverything}
          onClose={() => setConfirmingAll(false)}
        />
      )}
    </section>
  );
}
