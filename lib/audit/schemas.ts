import { z } from 'zod';
import { instantSchema } from '@/lib/users/schemas';

/**
 * The audit trail as the API and the /audit page read it: the list query (the users list's
 * grammar: pattern, filter, sort, limit, cursor), the event and page answers, and the verify
 * answer. Safe for the browser: the page's controls build their URLs with it.
 */

export const AUDIT_FILTER_FIELDS = ['actor', 'action', 'target', 'tenant', 'at'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];
export const AUDIT_DEFAULT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;
export const AUDIT_MAX_PATTERN_LENGTH = 128;

const repeatable = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));

const auditListQueryFields = z.strictObject({
  pattern: z
    .string()
    .trim()
    .max(AUDIT_MAX_PATTERN_LENGTH, `The pattern must be at most ${AUDIT_MAX_PATTERN_LENGTH} characters.`)
    .regex(/^[^\p{Cc}]*$/u, 'The pattern cannot contain control characters.')
    .optional()
    .meta({
      description:
        'A part of the action, actor, target, client address or user agent, any case; every character literal. Searches a window of recent events per page (see `searchedThrough`).',
      example: '203.0.113',
    }),
  filter: repeatable.optional().meta({
    description:
      'Repeatable. `actor:<id>`, `action:<name>` (or `action:user.*` for every action under `user.`), `target:<id>`, `tenant:<id>`, `at>=2026-01-01`, `at<2026-02-01` (also `at>` and `at<=`); one field repeated means either, different fields must all match.',
    example: 'action:user.updated',
  }),
  sort: z.string().optional().meta({ description: '`at:-1` (newest first, the default) or `at:1`.', example: 'at:-1' }),
  limit: z.coerce
    .number({ message: 'limit must be a number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(AUDIT_MAX_PAGE_SIZE, `limit must be at most ${AUDIT_MAX_PAGE_SIZE}.`)
    .default(AUDIT_DEFAULT_PAGE_SIZE)
    .meta({ description: 'Events a page.' }),
  cursor: z.string().max(512).optional().meta({ description: 'The previous page’s `nextCursor`.' }),
});

/** GET /api/v1/audit, GET /api/v1/users/{id}/activity and the /audit page's URL. */
export const auditListQuerySchema = auditListQueryFields;
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const AUDIT_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** GET /api/v1/audit/export: the list's search, filters and order, every page, in a format. */
export const auditExportQuerySchema = auditListQueryFields.pick({ pattern: true, filter: true, sort: true }).extend({
  format: z.enum(AUDIT_EXPORT_FORMATS, { message: 'format must be csv or ndjson.' }).default('csv').meta({ description: '`csv` (default) or `ndjson` (one JSON event a line).' }),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

const diffSchema = z
  .record(z.string(), z.unknown())
  .nullable()
  .meta({ description: 'The fields that changed, by name; a secret reads "changed". Null when nothing was recorded on this side (a creation has no `before`).' });

export const auditEventSchema = z
  .object({
    id: z.int().meta({ description: 'Grows with each event: the order of the hash chain.', example: 1042 }),
    at: instantSchema('When it happened.'),
    actorKind: z.enum(['user', 'access-key', 'token', 'system']).nullable().meta({ description: 'How the actor came in: signed in (`user`), an API `token`, an `access-key`, or a background job (`system`).' }),
    actor: z.string().nullable().meta({ description: 'The acting user’s id, or the job’s name for `system`.', example: 'usr_8kq2m4x9' }),
    action: z.string().meta({ description: 'What happened, dotted.', example: 'user.updated' }),
    targetKind: z.string().nullable().meta({ description: 'What kind of thing it concerns: user, tenant, resource, webhook, session, token, access-key.', example: 'user' }),
    target: z.string().nullable().meta({ description: 'The id of the thing it concerns.', example: 'usr_3jd82kq1' }),
    tenantId: z.string().nullable().meta({ description: 'The tenant it happened in, for tenant and membership events.' }),
    before: diffSchema,
    after: diffSchema,
    ip: z.string().nullable().meta({ description: 'The client address.', example: '203.0.113.7' }),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable().meta({ description: 'The request that caused it, as its `x-request-id` answered.' }),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z
  .object({
    items: z.array(auditEventSchema),
    limit: z.int(),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    searchedThrough: instantSchema('With `pattern`: the page searched back to this event and stopped, to stay quick; `nextCursor` goes on from there. Null when the page was filled or the search reached the end.').nullable(),
  })
  .meta({ id: 'AuditPage' });

export const AUDIT_BREAK_REASONS = ['content-changed', 'link-broken', 'hash-missing'] as const;
export type AuditBreakReason = (typeof AUDIT_BREAK_REASONS)[number];

export const auditVerificationSchema = z
  .object({
    ok: z.boolean().meta({ description: 'True when every chained event’s hash matches its content and links to the one before.' }),
    checked: z.int().meta({ description: 'Chained events checked.' }),
    chainStart: z
      .object({ afterId: z.int(), prevHash: z.string() })
      .nullable()
      .meta({ description: 'Where the kept chain starts after retention removed older events: the last removed id and the hash the first kept event links to. Null when nothing was removed.' }),
    unchainedBefore: z.int().meta({ description: 'Events at the start recorded before the trail was chained (no hash): reported, not broken.' }),
    firstBroken: z
      .object({
        id: z.int(),
        reason: z.enum(AUDIT_BREAK_REASONS).meta({ description: '`content-changed`: its hash does not match its content (edited); `link-broken`: it does not link to the event before it (one was removed or edited); `hash-missing`: a chained event without a hash.' }),
      })
      .nullable(),
  })
  .meta({ id: 'AuditVerification', example: { ok: true, checked: 1042, chainStart: null, unchainedBefore: 0, firstBroken: null } });
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
