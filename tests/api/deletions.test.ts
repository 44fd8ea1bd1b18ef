import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { addRelatedRows, remainingRows } from '../support/deletion-fixtures';
import { integrityProblems, refuseDeletes } from '../support/engine-specific';
import { TEST_ADMIN } from '../support/server';

let env: Awaited<ReturnType<typeof useServerDatabase>>;
let admin: string;
const PASSWORD = 'deletion suite password';

beforeAll(async () => {
  env = await useServerDatabase();
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

async function newUser(email: string, related = 0) {
  const user = await env.users.createUser({ email, password: PASSWORD });
  if (related) await addRelatedRows(env, user.id, related);
  return user;
}

type Status = { status: string; stepsDone: number; stepsTotal: number; currentStep: string | null };
type StepRecord = { name: string; startedAt: string | null; finishedAt: string | null };

/** Polls the status endpoint until the job ends, returning every answer seen. */
async function pollUntilFinished(userId: string, ticket: string, timeoutMs = 20_000): Promise<Status[]> {
  const seen: Status[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await api(`/api/v1/users/${userId}/delete-status/${ticket}`, { token: admin });
    expect(response.status).toBe(200);
    seen.push(response.body as Status);
    if (['completed', 'failed', 'cancelled'].includes(response.body.status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Deletion ${ticket} did not finish: ${JSON.stringify(seen.at(-1))}`);
}

describe('DELETE /api/v1/users/:id', () => {
  it('deletes a user and everything that pointed at them, reporting progress that never goes back', async () => {
    const user = await newUser('to-delete@example.com', 1200);
    const token = await signInForToken(user.email, PASSWORD);

    const response = await api(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin });
    expect(response.status).toBe(202);
    expect(response.body.ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/users/${user.id}/delete-status/${response.body.ticket}`);

    // Refused at once, long before the job is done.
    expect((await api('/api/v1/me', { token })).status).toBe(401);
    expect((await api('/api/v1/auth/token', { method: 'POST', json: { email: user.email, password: PASSWORD } })).status).toBe(403);
    const again = await api(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin });
    expect(again.status).toBe(200);
    expect(again.body.ticket).toBe(response.body.ticket);

    const seen = await pollUntilFinished(user.id, response.body.ticket);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'completed', stepsDone: 8, stepsTotal: 8 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);
    expect(new Set(seen.map((s) => s.stepsTotal))).toEqual(new Set([8]));
    // Every step ran, in order, each one started after the one before it finished.
    const steps = (await api(`/api/v1/users/${user.id}/delete-status/${response.body.ticket}`, { token: admin })).body.steps as StepRecord[];
    expect(steps.map((step) => step.name)).toEqual(['revoke-tokens', 'remove-codes', 'remove-permissions', 'remove-memberships', 'remove-user-data', 'end-sessions', 'pseudonymise-audit', 'delete-user']);
    const times = steps.flatMap((step) => [Date.parse(step.startedAt!), Date.parse(step.finishedAt!)]);
    expect(times.every(Number.isFinite)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(seen.every((s) => ['queued', 'in-progress', 'completed'].includes(s.status))).toBe(true);

    expect((await api(`/api/v1/users/${user.id}`, { token: admin })).status).toBe(404);
    expect(Object.values(await remainingRows(env, user.id)).every((n) => n === 0)).toBe(true);
    expect(await integrityProblems(env)).toEqual([]);
    // The audit trail keeps the events, naming the user only by the ticket.
    const pseudonym = `deleted-user:${response.body.ticket}`;
    const pseudonymised = await env.count(sql`SELECT count(*) FROM audit_events WHERE actor = ${pseudonym} OR target = ${pseudonym}`);
    expect(pseudonymised).toBeGreaterThanOrEqual(1200);
    // Nor can the user still be found by a search.
    expect((await api('/api/v1/users?pattern=to-delete@example', { token: admin })).body.total).toBe(0);
  });

  it('refuses to delete yourself or the last active admin, and answers unknown users with 404', async () => {
    const me = (await api('/api/v1/me', { token: admin })).body;
    const self = await api(`/api/v1/users/${me.id}`, { method: 'DELETE', token: admin });
    expect(self.status).toBe(409);
    expect(self.body.detail).toMatch(/your own account/);

    // Only a caller who is not an admin themselves could reach the last admin; the rule holds in lib/ all the same.
    const { requestUserDeletion } = await import('@/lib/deletion/requests');
    await expect(requestUserDeletion(me.id, { id: 'usr_someone-else' })).rejects.toThrow(/last active admin/);

    expect((await api('/api/v1/users/usr_nobody', { method: 'DELETE', token: admin })).status).toBe(404);
    const member = await newUser('not-an-admin@example.com');
    const memberToken = await signInForToken(member.email, PASSWORD);
    expect((await api(`/api/v1/users/${member.id}`, { method: 'DELETE', token: memberToken })).status).toBe(403);
  });

  it('answers a made-up ticket, or another user’s ticket, with 404', async () => {
    const first = await newUser('ticket-a@example.com');
    const second = await newUser('ticket-b@example.com');
    const { ticket } = (await api(`/api/v1/users/${first.id}`, { method: 'DELETE', token: admin })).body;
    expect((await api(`/api/v1/users/${first.id}/delete-status/${randomUUID()}`, { token: admin })).status).toBe(404);
    expect((await api(`/api/v1/users/${second.id}/delete-status/${ticket}`, { token: admin })).status).toBe(404);
    expect((await api(`/api/v1/users/${second.id}/delete-status/${ticket}`, { method: 'DELETE', token: admin })).status).toBe(404);
    await pollUntilFinished(first.id, ticket);
    const late = await api(`/api/v1/users/${first.id}/delete-status/${ticket}`, { method: 'DELETE', token: admin });
    expect(late.status).toBe(409);
  });

  it('lists recent deletions for the Deletions view', async () => {
    const user = await newUser('listed@example.com');
    const { ticket } = (await api(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin })).body;
    const list = await api('/api/v1/deletions', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ ticket, userId: user.id, stepsTotal: 8 });
    await pollUntilFinished(user.id, ticket);
  });

  it('fails a step that keeps failing after three attempts, leaves the user suspended, and can be retried', async () => {
    const user = await newUser('stubborn@example.com', 10);
    // A real database failure on one of the steps: this user's permissions refuse to go.
    const allowDeletes = await refuseDeletes(env, `refuse_permission_delete_${user.pk}`, 'permissions', user.id, 'permissions are locked');
    try {
      const { ticket } = (await api(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin })).body;
      const seen = await pollUntilFinished(user.id, ticket, 40_000);
      const failed = (await api(`/api/v1/users/${user.id}/delete-status/${ticket}`, { token: admin })).body;
      expect(failed).toMatchObject({ status: 'failed', stepsDone: 2, currentStep: 'remove-permissions' });
      expect(failed.error).toMatch(/permissions are locked/);
      expect(seen.at(-1)!.stepsDone).toBe(2);
      expect((await api(`/api/v1/users/${user.id}`, { token: admin })).body.status).toBe('suspended');
    } finally {
      await allowDeletes();
    }
    const retry = await api(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin });
    expect(retry.status).toBe(202);
    expect((await pollUntilFinished(user.id, retry.body.ticket)).at(-1)!.status).toBe('completed');
    expect((await remainingRows(env, user.id)).users).toBe(0);
  }, 60_000);
});
