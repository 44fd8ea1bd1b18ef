/**
 * The PostgreSQL twin of db/schema/sqlite.ts: the same tables, columns, keys and index names,
 * with the same JS types. tests/unit/schema-parity.test.ts compares the two and lists the
 * few intended differences, each with its reason.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp as pgTimestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  accessTokenKinds,
  auditActorKinds,
  bulkJobKinds,
  deletionJobStatuses,
  mailKinds,
  mailStatuses,
  membershipRoles,
  oneTimeCodePurposes,
  permissionRoles,
  userStatuses,
  webhookDeliveryStatuses,
} from './sqlite';

// One definition of each allowed-values list, shared by both engines.
export { accessTokenKinds, auditActorKinds, bulkJobKinds, deletionJobStatuses, mailKinds, mailStatuses, membershipRoles, oneTimeCodePurposes, permissionRoles, userStatuses, webhookDeliveryStatuses };
export type { UserStatus } from './sqlite';

/** Millisecond precision, read as a Date: what SQLite's timestamp_ms columns hold and return. */
const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => timestamp('created_at').notNull().defaultNow();

/**
 * Text that compares and sorts byte by byte (collation "C"), as SQLite's text does, whatever
 * the database's own collation: the users list sorts alike on both engines (an en_US database
 * would put "de Vries" before "Dupont", and "_" before "a").
 */
const bytewiseText = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

export const users = pgTable(
  'users',
  {
    // Assigned by the database like SQLite's rowid; keyset pages order by it.
    pk: integer('pk').primaryKey().generatedByDefaultAsIdentity(),
    id: text('id').notNull(),
    email: text('email').notNull(),
    // Lower-cased copy of email: the unique key, so Ann@x and ann@x are one account.
    emailNormalized: bytewiseText('email_normalized').notNull(),
    username: text('username').notNull(),
    usernameNormalized: bytewiseText('username_normalized').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    passwordHash: text('password_hash'),
    status: text('status', { enum: userStatuses }).notNull().default('active'),
    role: text('role').notNull().default('Subscriber'),
    plan: text('plan').notNull().default('free'),
    vendor: jsonb('vendor').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    city: text('city'),
    country: text('country'),
    dateOfBirth: text('date_of_birth'),
    department: text('department'),
    phoneLand: text('phone_land'),
    phoneMobile: text('phone_mobile'),
    timezone: text('timezone'),
    lastSignInAt: timestamp('last_sign_in_at'),
    // When the inactivity policy last mailed its warning; a sign-in after it makes a new warning due.
    inactivityWarnedAt: timestamp('inactivity_warned_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    sessionVersion: integer('session_version').notNull().default(1),
  },
  (t) => [
    // A constraint, not a bare index (its index gets the same name): foreign keys point at
    // users.id, and drizzle-kit writes constraints with the table but indexes after the keys.
    unique('users_id_idx').on(t.id),
    uniqueIndex('users_email_normalized_idx').on(t.emailNormalized),
    uniqueIndex('users_username_normalized_idx').on(t.usernameNormalized),
    // Sorting and keyset paging. SQLite ends every index entry with the rowid; PostgreSQL
    // needs pk spelled out so a (sort key, pk) cursor is one range seek. Nullable sort keys
    // are indexed as never-null expressions, as in SQLite; the last name sorts bytewise like
    // the normalized email and username (searches lower-case it by the database's rules).
    index('users_created_idx').on(t.createdAt, t.pk),
    index('users_last_name_sort_idx').on(sql`(coalesce(${t.lastName}, '') COLLATE "C")`, t.pk),
    index('users_last_sign_in_sort_idx').on(sql`coalesce(${t.lastSignInAt}, '-infinity'::timestamptz)`, t.pk),
    index('users_status_idx').on(t.status, t.createdAt, t.pk),
    index('users_role_idx').on(t.role, t.createdAt, t.pk),
    index('users_plan_idx').on(t.plan, t.createdAt, t.pk),
    // The inactivity policy's range: last sign-in, or creation for a user who never signed in.
    index('users_last_activity_idx').on(sql`coalesce(${t.lastSignInAt}, ${t.createdAt})`),
    // Substring search (SQLite: the users_search FTS5 trigram table). Names are matched
    // case-insensitively, so their indexes hold the lower-cased text. Lower-cased by ICU's root
    // locale, as JS's toLowerCase() lower-cases the pattern and as SQLite's search folds case:
    // lower() under the database's own collation leaves Ł or Á as they are in a "C" database.
    index('users_email_trgm_idx').using('gin', t.emailNormalized.op('gin_trgm_ops')),
    index('users_username_trgm_idx').using('gin', t.usernameNormalized.op('gin_trgm_ops')),
    // An operator class can only be attached to a column object, so expressions carry it inline.
    index('users_first_name_trgm_idx').using('gin', sql`lower(${t.firstName} COLLATE "und-x-icu") gin_trgm_ops`),
    index('users_last_name_trgm_idx').using('gin', sql`lower(${t.lastName} COLLATE "und-x-icu") gin_trgm_ops`),
    // 1- and 2-character patterns, which have no trigram: their distinct 1- and 2-character
    // substrings (the function is migration 0005's; SQLite: sentinels in users_search, 0008).
    index('users_short_grams_idx').using('gin', sql`users_short_grams(${t.emailNormalized}, ${t.usernameNormalized}, ${t.firstName}, ${t.lastName})`),
  ],
);

export const userScopes = pgTable(
  'user_scopes',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    // Bytewise, as SQLite orders them: a user's scopes come from the primary key in the order an export writes them.
    scope: bytewiseText('scope').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope] }), index('user_scopes_scope_idx').on(t.scope, t.userId)],
);

export const tenants = pgTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tenants_slug_idx').on(t.slug)],
);

export const memberships = pgTable(
  'memberships',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: membershipRoles }).notNull().default('user'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('memberships_user_idx').on(t.userId, t.tenantId)],
);

export const resources = pgTable(
  'resources',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('resources_tenant_idx').on(t.tenantId), index('resources_name_idx').on(t.name)],
);

export const permissions = pgTable(
  'permissions',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    resourceId: text('resource_id').notNull().references(() => resources.id, { onDelete: 'cascade' }),
    role: text('role', { enum: permissionRoles }).notNull(),
    // Who granted it; kept as a plain id so the grant survives the granter's deletion.
    grantedBy: text('granted_by'),
    expiresAt: timestamp('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.resourceId] }), index('permissions_resource_idx').on(t.resourceId, t.userId)],
);

export const accessTokens = pgTable(
  'access_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    // SHA-256 of a token (shown once, never stored); for an access key, an HMAC under a key
    // derived from AUTH_SECRET (lib/access-keys.ts).
    tokenHash: text('token_hash').notNull(),
    // Access keys only: the key encrypted with AES-256-GCM, as its owner and admins may read it again.
    secretCiphertext: text('secret_ciphertext'),
    kind: text('kind', { enum: accessTokenKinds }).notNull(),
    name: text('name'),
    // The user's sessionVersion when issued: a later bump (password change, suspension) voids it.
    sessionVersion: integer('session_version').notNull(),
    expiresAt: timestamp('expires_at'),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    // Where it was issued from, for the sessions and tokens lists.
    address: text('address'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('access_tokens_hash_idx').on(t.tokenHash),
    index('access_tokens_user_idx').on(t.userId, t.kind),
    // One live access key per user, even when two requests create it at once.
    uniqueIndex('access_tokens_live_key_idx').on(t.userId).where(sql`${t.kind} = 'access-key' AND ${t.revokedAt} IS NULL`),
  ],
);

/**
 * One row per browser sign-in; its id travels in the (encrypted) session cookie. Signing out
 * ends the row, so a copy of the cookie stops working on every instance at once.
 */
export const browserSessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    address: text('address'),
    userAgent: text('user_agent'),
    // Refreshed at most once a minute by the requests the session makes (lib/auth/browser-sessions.ts).
    lastSeenAt: timestamp('last_seen_at'),
    endedAt: timestamp('ended_at'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    purpose: text('purpose', { enum: oneTimeCodePurposes }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('one_time_codes_hash_idx').on(t.codeHash), index('one_time_codes_user_idx').on(t.userId, t.purpose)],
);

export const deletionJobs = pgTable(
  'deletion_jobs',
  {
    ticket: text('ticket').primaryKey(),
    // Not a foreign key: the job outlives the user row it deletes.
    userId: text('user_id').notNull(),
    requestedBy: text('requested_by'),
    status: text('status', { enum: deletionJobStatuses }).notNull().default('queued'),
    stepsDone: integer('steps_done').notNull().default(0),
    stepsTotal: integer('steps_total').notNull().default(0),
    currentStep: text('current_step'),
    error: text('error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until'),
    attempts: integer('attempts').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: createdAt(),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('deletion_jobs_status_idx').on(t.status, t.leaseUntil), index('deletion_jobs_user_idx').on(t.userId, t.createdAt)],
);

/**
 * When each step of a deletion started and finished, shown with the job's status. A resumed
 * job starts at the first unfinished step, so a finished step keeps the times of its one run.
 */
export const deletionJobSteps = pgTable(
  'deletion_job_steps',
  {
    ticket: text('ticket').notNull().references(() => deletionJobs.ticket),
    step: text('step').notNull(),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.ticket, t.step] })],
);

/**
 * Background work over many users: an import (lib/imports/) or a bulk action on a selection
 * (lib/bulk/), run by lib/jobs/runner.ts with the deletion worker's lease, resume and cancel.
 */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: bulkJobKinds }).notNull(),
    // What to do: an import's mode and options, or a bulk action with its scope or tenant and its selection.
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    requestedBy: text('requested_by'),
    // The requester's reach when they asked: null for a system admin, else the tenant ids they administer. The job never reaches further.
    reach: jsonb('reach').$type<string[] | null>(),
    status: text('status', { enum: deletionJobStatuses }).notNull().default('queued'),
    // The rows (of the file, or of the selection) finished so far, of stepsTotal.
    stepsDone: integer('steps_done').notNull().default(0),
    stepsTotal: integer('steps_total').notNull().default(0),
    // Rows per outcome so far, kept in the same transaction as the rows.
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    error: text('error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until'),
    attempts: integer('attempts').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: createdAt(),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('bulk_jobs_status_idx').on(t.status, t.leaseUntil), index('bulk_jobs_kind_idx').on(t.kind, t.createdAt)],
);

/**
 * One row of a bulk job: a row of the imported file, or one selected user. A row and its
 * outcome are written in the same transaction as its change, so a resumed job never does a
 * row twice or half.
 */
export const bulkJobRows = pgTable(
  'bulk_job_rows',
  {
    jobId: text('job_id').notNull().references(() => bulkJobs.id),
    // The file's row number (1 is the first row after the header), or the selection's order.
    position: integer('position').notNull(),
    // The row as parsed, secrets sealed (lib/auth/secret-box.ts); emptied once the row is done.
    input: jsonb('input').$type<Record<string, unknown>>(),
    // The user it concerns: a bulk action's target, an import's created or updated user.
    userId: text('user_id'),
    email: text('email'),
    // Null until done; then the job kind's outcome (created, updated, unchanged, error; done, refused).
    outcome: text('outcome'),
    errors: jsonb('errors').$type<{ field: string; message: string }[]>(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.position] }),
    index('bulk_job_rows_outcome_idx').on(t.jobId, t.outcome, t.position),
    // A user's deletion forgets the rows that name them (lib/deletion/steps.ts).
    index('bulk_job_rows_user_idx').on(t.userId),
  ],
);

/**
 * The audit trail (lib/audit/). Append-only: each row's hash covers its content and the
 * previous row's hash, so an edited or removed row breaks the chain at that point.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at').notNull().defaultNow(),
    // Who: a user id (actorKind 'user', or 'token'/'access-key' for the user whose credential it was), or a job's name ('system').
    actorKind: text('actor_kind', { enum: auditActorKinds }),
    actor: text('actor'),
    action: text('action').notNull(),
    // What it concerns: an id (usr_, ten_, res_, whk_, ...) and its kind.
    targetKind: text('target_kind'),
    target: text('target'),
    // The tenant it happened in (tenant and membership events): tenant admins read these.
    tenantId: text('tenant_id'),
    // Only the fields that changed; secrets only as "changed".
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    // SHA-256 (hex) over the previous row's hash and the digests of this row's fields (lib/audit/chain.ts).
    prevHash: text('prev_hash'),
    hash: text('hash'),
    // Fields a user's deletion emptied, with the digests the hash covers (lib/audit/redact.ts).
    redactions: jsonb('redactions').$type<Partial<Record<string, string>>>(),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actor, t.at),
    index('audit_events_target_idx').on(t.target, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_tenant_idx').on(t.tenantId, t.at),
  ],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    to: text('to').notNull(),
    kind: text('kind', { enum: mailKinds }).notNull(),
    subject: text('subject').notNull(),
    // The mail as sent, live link included; replaced by `preview` once delivered or given up.
    text: text('text').notNull(),
    html: text('html'),
    // What admins may read: the mail with any link to a code left out.
    preview: text('preview').notNull(),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at'),
    // The instance delivering it now, until when: another instance takes it over once the lease runs out.
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until'),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_created_idx').on(t.createdAt)],
);

/**
 * Failed sign-ins per throttling key (an account, a name, an address, a device), shared by
 * every instance. Keys are stored as HMACs (lib/auth/throttle.ts): the table names nobody.
 * A row whose last failure is older than the forgetting time is dead and swept away.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at').notNull(),
    blockedUntil: timestamp('blocked_until'),
  },
  (t) => [index('sign_in_failures_last_failure_idx').on(t.lastFailureAt)],
);

/** Requests counted per rate-limit key (forgot-password, sign-up, code attempts) in the current window; keys stored as HMACs. */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowEndsAt: timestamp('window_ends_at').notNull(),
  },
  (t) => [index('rate_limit_windows_ends_idx').on(t.windowEndsAt)],
);

/** Periodic work that one instance at a time runs: claimed with a lease, due again `next_run_at`. */
export const scheduledTasks = pgTable('scheduled_tasks', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at').notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until'),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at').notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
/** Where admins asked to be told about changes (lib/webhooks/). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    description: text('description'),
    // The event types it receives (lib/webhooks/events.ts).
    events: jsonb('events').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    // The signing secret (whsec_...) encrypted with AES-256-GCM: shown once, needed at every delivery.
    secretCiphertext: text('secret_ciphertext').notNull(),
    // Set at its first failed delivery after a success; a day of failures disables it.
    failingSince: timestamp('failing_since'),
    disabledReason: text('disabled_reason'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
);

/**
 * The webhook outbox: one row per (event, endpoint), written in the change's transaction. Its
 * id is the message's `webhook-id`; the worker leases due rows, oldest first per ordering key.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    // No foreign key: the row is written as a change commits (lib/audit/events.ts), and must not wait on or fail for an endpoint being deleted meanwhile; deleting an endpoint deletes its deliveries.
    endpointId: text('endpoint_id').notNull(),
    auditEventId: integer('audit_event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // Deliveries with the same key (the user they concern) go out in order.
    orderingKey: text('ordering_key').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    lastAttemptAt: timestamp('last_attempt_at'),
    responseStatus: integer('response_status'),
    // The receiver's answer, cut to a few KB.
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    deliveredAt: timestamp('delivered_at'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_idx').on(t.endpointId, t.auditEventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_order_idx').on(t.endpointId, t.orderingKey, t.auditEventId),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);

