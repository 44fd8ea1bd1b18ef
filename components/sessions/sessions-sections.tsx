import { Suspense } from 'react';
import { Table, TableBody, TableLoadingRows } from '@/components/ui/table';
import { endAllUserSessionsAction, endOtherOwnSessionsAction, endOwnSessionAction, endUserSessionAction } from '@/lib/actions/sessions';
import { currentBrowserSessionId, requireOperation } from '@/lib/auth/session';
import { listLiveCredentials, requireSessionHolder } from '@/lib/auth/sessions';
import { SessionsTable } from './sessions-table';

/**
 * The sessions lists of /account and of a user's page, read on the server. Each streams in
 * behind a placeholder of its own, so the rest of the page does not wait for it.
 */

function SessionsLoading() {
  return (
    <section aria-label="Sessions and tokens, loading" aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4">
      <Table caption="Sessions and tokens, loading">
        <TableBody>
          <TableLoadingRows rows={2} columns={6} />
        </TableBody>
      </Table>
    </section>
  );
}

async function OwnSessions() {
  const { user } = await requireOperation('me.sessions');
  const sessions = await listLiveCredentials(user, await currentBrowserSessionId());
  return <SessionsTable sessions={sessions} owner={{ kind: 'own' }} endOne={endOwnSessionAction} endAll={endOtherOwnSessionsAction} />;
}

/** The signed-in user's own sessions and tokens, "this browser" marked. */
export function OwnSessionsSection() {
  return (
    <Suspense fallback={<SessionsLoading />}>
      <OwnSessions />
    </Suspense>
  );
}

async function UserSessions({ userId, name }: { userId: string; name: string }) {
  const principal = await requireOperation('users.sessions');
  const sessions = await listLiveCredentials(await requireSessionHolder(principal, userId), await currentBrowserSessionId());
  return <SessionsTable sessions={sessions} owner={{ kind: 'user', name }} endOne={endUserSessionAction.bind(null, userId)} endAll={endAllUserSessionsAction.bind(null, userId)} />;
}

/** A user's sessions and tokens, for an admin or a tenant admin who controls the account (the page checks that before showing it). */
export function UserSessionsSection({ userId, name }: { userId: string; name: string }) {
  return (
    <Suspense fallback={<SessionsLoading />}>
      <UserSessions userId={userId} name={name} />
    </Suspense>
  );
}
