import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { addRelatedRows, remainingRows } from '../support/deletion-fixtures';
import { integrityProblems, refuseDeletes } from '../support/engine-specific';
import { TEST_ADMIN } from '../support/server';
import { gatehouse } from '../support/typed-client';

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

const asAdmin = () => gatehouse({ token: admin });
const userPath = (id: string) => ({ params: { path: { id } } });
const deletionPath = (id: string, ticket: string) => ({ params: { path: { id, ticket } } });

/** Polls the status endpoint until the job ends, returning every answer seen. */
async function pollUntilFinished(userId: string, ticket: string, timeoutMs = 20_000): Promise<Status[]> {
  const seen: Status[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { data, response } = await asAdmin().GET('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(userId, ticket));
    expect(response.status).toBe(200);
    seen.push(data!);
    if (['completed', 'failed', 'cancelled'].includes(data!.status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Deletion ${ticket} did not finish: ${JSON.stringify(seen.at(-1))}`);
}

describe('DELETE /api/v1/users/:id', () => {
  it('deletes a user and everything that pointed at them, reporting progress that never goes back', async () => {
    const user = await newUser('to-delete@example.com', 1200);
    const token = await signInForToken(user.email, PASSWORD);

    const { data: started, response } = await asAdmin().DELETE('/api/v1/users/{id}', userPath(user.id));
    expect(response.status).toBe(202);
    expect(started!.ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/users/${user.id}/delete-status/${started!.ticket}`);

    // Refused at once, long before the job is done.
    expect((await gatehouse({ token }).GET('/api/v1/me')).response.status).toBe(401);
    expect((await gatehouse().POST('/api/v1/auth/token', { body: { email: user.email, password: PASSWORD } })).response.status).toBe(403);
    const again = await asAdmin().DELETE('/api/v1/users/{id}', userPath(user.id));
    expect(again.response.status).toBe(200);
    expect(again.data!.ticket).toBe(started!.ticket);

    const seen = await pollUntilFinished(user.id, started!.ticket);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'completed', stepsDone: 9, stepsTotal: 9 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);
    expect(new Set(seen.map((s) => s.stepsTotal))).toEqual(new Set([9]));
    // Every step ran, in order, each one started after the one before it finished.
    const { steps } = (await asAdmin().GET('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(user.id, started!.ticket))).data!;
    expect(steps.map((step) => step.name)).toEqual(['revoke-tokens', 'remove-codes', 'remove-permissions', 'remove-memberships', 'remove-user-data', 'end-sessions', 'pseudonymise-audit', 'forget-import-rows', 'delete-user']);
    const times = steps.flatMap((step) => [Date.parse(step.startedAt!), Date.parse(step.finishedAt!)]);
    expect(times.every(Number.isFinite)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(seen.every((s) => ['queued', 'in-progress', 'completed'].includes(s.status))).toBe(true);

    expect((await asAdmin().GET('/api/v1/users/{id}', userPath(user.id))).response.status).toBe(404);
    expect(Object.values(await remainingRows(env, user.id)).every((n) => n === 0)).toBe(true);
    expect(await integrityProblems(env)).toEqual([]);
    // The audit trail keeps the events, naming the user only by the ticket.
    const pseudonym = `deleted-user:${started!.ticket}`;
    const pseudonymised = await env.count(sql`SELECT count(*) FROM audit_events WHERE actor = ${pseudonym} OR target = ${pseudonym}`);
    expect(pseudonymised).toBeGreaterThanOrEqual(1200);
    // Their profile values went with them (user.created held the email), and the chain still verifies.
    expect(await env.count(sql`SELECT count(*) FROM audit_events WHERE CAST(before AS TEXT) LIKE ${'%to-delete@example.com%'} OR CAST(after AS TEXT) LIKE ${'%to-delete@example.com%'}`)).toBe(0);
    const verified = (await asAdmin().GET('/api/v1/audit/verify')).data!;
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    // Nor can the user still be found by a search.
    expect((await asAdmin().GET('/api/v1/users', { params: { query: { pattern: 'to-delete@example' } } })).data!.total).toBe(0);
  });

  it('refuses to delete yourself or the last active admin, and answers unknown users with 404', async () => {
    const me = (await asAdmin().GET('/api/v1/me')).data!;
    const self = await asAdmin().DELETE('/api/v1/users/{id}', userPath(me.id));
    expect(self.response.status).toBe(409);
    expect(self.error!.detail).toMatch(/your own account/);

    // Only a caller who is not an admin themselves could reach the last admin; the rule holds in lib/ all the same.
    const { requestUserDeletion } = await import('@/lib/deletion/requests');
    await expect(requestUserDeletion(me.id, { id: 'usr_someone-else' })).rejects.toThrow(/last active admin/);

    expect((await asAdmin().DELETE('/api/v1/users/{id}', userPath('usr_nobody'))).response.status).toBe(404);
    const member = await newUser('not-an-admin@example.com');
    const memberToken = await signInForToken(member.email, PASSWORD);
    expect((await gatehouse({ token: memberToken }).DELETE('/api/v1/users/{id}', userPath(member.id))).response.status).toBe(403);
  });

  it('answers a made-up ticket, or another user’s ticket, with 404', async () => {
    const first = await newUser('ticket-a@example.com');
    const second = await newUser('ticket-b@example.com');
    const { ticket } = (await asAdmin().DELETE('/api/v1/users/{id}', userPath(first.id))).data!;
    expect((await asAdmin().GET('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(first.id, randomUUID()))).response.status).toBe(404);
    expect((await asAdmin().GET('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(second.id, ticket))).response.status).toBe(404);
    expect((await asAdmin().DELETE('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(second.id, ticket))).response.status).toBe(404);
    await pollUntilFinished(first.id, ticket);
    const late = await asAdmin().DELETE('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(first.id, ticket));
    expect(late.response.status).toBe(409);
  });

  it('lists recent deletions for the Deletions view', async () => {
    const user = await newUser('listed@example.com');
    const { ticket } = (await asAdmin().DELETE('/api/v1/users/{id}', userPath(user.id))).data!;
    const list = await asAdmin().GET('/api/v1/deletions');
    expect(list.response.status).toBe(200);
    expect(list.data!.items[0]).toMatchObject({ ticket, userId: user.id, stepsTotal: 9 });
    await pollUntilFinished(user.id, ticket);
  });

  it('fails a step that keeps failing after three attempts, leaves the user suspended, and can be retried', async () => {
    const user = await newUser('stubborn@example.com', 10);
    // A real database failure on one of the steps: this user's permissions refuse to go.
    const allowDeletes = await refuseDeletes(env, `refuse_permission_delete_${user.pk}`, 'permissions', user.id, 'permissions are locked');
    try {
      const { ticket } = (await asAdmin().DELETE('/api/v1/users/{id}', userPath(user.id))).data!;
      const seen = await pollUntilFinished(user.id, ticket, 40_000);
      const failed = (await asAdmin().GET('/api/v1/users/{id}/delete-status/{ticket}', deletionPath(user.id, ticket))).data!;
      expect(failed).toMatchObject({ status: 'failed', stepsDone: 2, currentStep: 'remove-permissions' });
      expect(failed.error).toMatch(/permissions are locked/);
      expect(seen.at(-1)!.stepsDone).toBe(2);
      expect((await asAdmin().GET('/api/v1/users/{id}', userPath(user.id))).data!.status).toBe('suspended');
    } finally {
      await allowDeletes();
    }
    const retry = await asAdmin().DELETE('/api/v1/users/{id}', userPath(user.id));
    expect(retry.response.status).toBe(202);
    expect((await pollUntilFinished(user.id, retry.data!.ticket)).at(-1)!.status).toBe('completed');
    expect((await remainingRows(env, user.id)).users).toBe(0);
  }, 60_000);
});
