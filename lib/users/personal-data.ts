import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accessTokens, browserSessions, mailOutbox, memberships, oneTimeCodes, permissions, resources, tenants, userScopes, type User } from '@/db/schema';
import { auditScope, requireAccountControl } from '@/lib/access/tenant-scope';
import type { Principal } from '@/lib/auth/principal';
import { recordAuditEvent } from '@/lib/audit/events';
import { listAuditEvents } from '@/lib/audit/query';
import type { AuditEventView } from '@/lib/audit/schemas';
import { toPublicUser } from './users';

/**
 * Everything Gatehouse holds about one person, for access requests under data-protection law
 * (GDPR art. 15): one JSON document, written as a stream so that a user with a long audit
 * trail never has it all in memory. Secrets are never read: no password hash, token or key
 * hash, key ciphertext, code hash or mail body is selected, so none can leak into the file.
 */

/** Audit events read per page while the document streams. */
const AUDIT_PAGE_SIZE = 500;

/** Whose data, asked by whom: an admin reaching a user, or the user themselves (GET /api/v1/me/export). */
type Requester = { principal: Principal; self: boolean };

/** personal-data file name: user-<id>-data-2026-01-31.json, dated in UTC. */
export function personalDataFileName(userId: string, now = new Date()): string {
  return `user-${userId}-data-${now.toISOString().slice(0, 10)}.json`;
}

/** The tenants whose objects the requester sees: all (a system admin, or the user about themselves) or a tenant admin's own. */
function visibleTenants({ principal, self }: Requester): string[] | null {
  return principal.isAdmin || self ? null : principal.adminOfTenants;
}

async function documentHead(user: User, requester: Requester, exportedAt: Date) {
  const db = getDb();
  const tenantIds = visibleTenants(requester);
  const [scopes, membershipRows, permissionRows, sessionRows, tokenRows, codeRows, mailRows] = await Promise.all([
    db.select({ scope: userScopes.scope }).from(userScopes).where(eq(userScopes.userId, user.id)),
    db
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, user.id), tenantIds ? inArray(memberships.tenantId, tenantIds) : undefined))
      .orderBy(asc(memberships.createdAt)),
    db
      .select({ resourceId: resources.id, resource: resources.name, kind: resources.kind, role: permissions.role, expiresAt: permissions.expiresAt, grantedAt: permissions.createdAt, grantedBy: permissions.grantedBy })
      .from(permissions)
      .innerJoin(resources, eq(resources.id, permissions.resourceId))
      .where(and(eq(permissions.userId, user.id), tenantIds ? inArray(resources.tenantId, tenantIds) : undefined))
      .orderBy(asc(resources.name)),
    db
      .select({ id: browserSessions.id, createdAt: browserSessions.createdAt, lastSeenAt: browserSessions.lastSeenAt, endedAt: browserSessions.endedAt, address: browserSessions.address, userAgent: browserSessions.userAgent })
      .from(browserSessions)
      .where(eq(browserSessions.userId, user.id))
      .orderBy(asc(browserSessions.createdAt)),
    db
      .select({
        id: accessTokens.id,
        kind: accessTokens.kind,
        name: accessTokens.name,
        createdAt: accessTokens.createdAt,
        lastUsedAt: accessTokens.lastUsedAt,
        expiresAt: accessTokens.expiresAt,
        revokedAt: accessTokens.revokedAt,
        address: accessTokens.address,
        userAgent: accessTokens.userAgent,
      })
      .from(accessTokens)
      .where(eq(accessTokens.userId, user.id))
      .orderBy(asc(accessTokens.createdAt)),
    db
      .select({ purpose: oneTimeCodes.purpose, createdAt: oneTimeCodes.createdAt, expiresAt: oneTimeCodes.expiresAt, usedAt: oneTimeCodes.usedAt })
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.userId, user.id))
      .orderBy(asc(oneTimeCodes.createdAt)),
    db
      .select({ kind: mailOutbox.kind, subject: mailOutbox.subject, status: mailOutbox.status, queuedAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt })
      .from(mailOutbox)
      .where(sql`lower(${mailOutbox.to}) = ${user.emailNormalized}`)
      .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id)),
  ]);
  const toCredential = ({ kind, ...token }: (typeof tokenRows)[number]) => token;
  const accessKey = tokenRows.find((token) => token.kind === 'access-key' && token.revokedAt === null);
  return {
    exportedAt: exportedAt.toISOString(),
    user: toPublicUser(user, scopes.map((row) => row.scope).sort()),
    scopes: scopes.map((row) => row.scope).sort(),
    memberships: membershipRows.map(({ id, slug, name, role, since }) => ({ tenant: { id, slug, name }, role, since })),
    permissions: permissionRows,
    sessions: {
      browser: sessionRows,
      apiTokens: tokenRows.filter((token) => token.kind === 'session').map(toCredential),
      accessKey: accessKey ? { issuedAt: accessKey.createdAt, lastUsedAt: accessKey.lastUsedAt, address: accessKey.address, userAgent: accessKey.userAgent } : null,
      revokedAccessKeys: tokenRows.filter((token) => token.kind === 'access-key' && token.revokedAt !== null).map(toCredential),
    },
    oneTimeCodes: codeRows,
    mail: mailRows,
  };
}

/**
 * For the user about themselves: an admin's address and browser on events about them are the
 * admin's personal data, not theirs, so only their own acts keep them.
 */
function eventFor(event: AuditEventView, userId: string, self: boolean): AuditEventView {
  return self && event.actor !== userId ? { ...event, ip: null, userAgent: null } : event;
}

/**
 * The document for `userId` as a stream: the profile and its relations first, then the audit
 * events naming the user as actor or target, oldest first, a page at a time as the client
 * reads. A tenant admin reaches a user as for their sessions: a member of their tenants (404
 * otherwise) belonging to no other tenant and no system admin (403), and sees the events
 * audit.read lets them and the memberships and permissions of their tenants only.
 * Audited as `user.data.exported` before anything is sent.
 */
export async function exportPersonalData(principal: Principal, userId: string, self = false): Promise<ReadableStream<Uint8Array>> {
  // Sessions, addresses and mail are what users.sessions guards: a tenant admin needs the whole account.
  const user = self ? principal.user : await requireAccountControl(principal, userId);
  const requester: Requester = { principal, self };
  await recordAuditEvent({ action: 'user.data.exported', target: user.id });
  const head = JSON.stringify(await documentHead(user, requester, new Date()));
  const scope = self ? null : auditScope(principal);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let separator = '';
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // The head is a closed object: reopen it for the events, which follow as they are read.
      controller.enqueue(encoder.encode(`${head.slice(0, -1)},"auditEvents":[`));
    },
    async pull(controller) {
      if (done) return;
      const page = await listAuditEvents({ sort: 'at:1', limit: AUDIT_PAGE_SIZE, cursor }, { scope, aboutUser: user.id });
      let text = '';
      for (const event of page.items) {
        text += separator + JSON.stringify(eventFor(event, user.id, self));
        separator = ',';
      }
      cursor = page.nextCursor ?? undefined;
      if (!cursor) {
        done = true;
        controller.enqueue(encoder.encode(`${text}]}\n`));
        controller.close();
      } else {
        controller.enqueue(encoder.encode(text));
      }
    },
  });
}
