import { z } from 'zod';
import { endpoint } from '@/lib/api/endpoint';
import { idParam } from '@/lib/api/id-param';
import { AUDIT_EXPORT_COLUMNS } from '@/lib/audit/export';
import { auditRetentionAnswerSchema, auditRetentionSchema } from '@/lib/audit/retention-rules';
import { auditExportQuerySchema, auditListQuerySchema, auditPageSchema, auditVerificationSchema } from '@/lib/audit/schemas';

const LIST_GRAMMAR = [
  '`filter` is repeatable: `actor:<id>`, `action:<name>` (`action:user.*` for a family), `target:<id>`, `tenant:<id>`, `at>=2026-01-01`, `at<2026-02-01`; filters on different fields all apply, values of one field are alternatives.',
  '`pattern` matches any part of the action, actor, target, client address or user agent, ignoring case; it is searched in windows of recent events, so a page may hold fewer matches than `limit` with `searchedThrough` set: follow `nextCursor` to search older events.',
  '`sort` is `at:-1` (newest first, the default) or `at:1`. Page with `cursor` (the previous page’s `nextCursor`).',
].join(' ');

const CSV_EXAMPLE = `${AUDIT_EXPORT_COLUMNS.join(',')}\n1042,2026-03-14T09:26:53.589Z,user,usr_8kq2m4x9,user.updated,user,usr_3jd82kq1,,"{""scope"":[""user""]}","{""scope"":[""user"",""admin""]}",203.0.113.7,Mozilla/5.0,req_5f2a\n`;
const NDJSON_EXAMPLE = `{"id":1042,"at":"2026-03-14T09:26:53.589Z","actorKind":"user","actor":"usr_8kq2m4x9","action":"user.updated","targetKind":"user","target":"usr_3jd82kq1","tenantId":null,"before":{"scope":["user"]},"after":{"scope":["user","admin"]},"ip":"203.0.113.7","userAgent":"Mozilla/5.0","requestId":"req_5f2a"}\n`;

export const AUDIT_ENDPOINTS = {
  listAuditEvents: endpoint({
    method: 'GET',
    path: '/api/v1/audit',
    operation: 'audit.read',
    tag: 'Audit',
    summary: 'List audit events',
    description: `Who changed what, when and from where, newest first. A tenant admin reads the events of their tenants and about their members. ${LIST_GRAMMAR}`,
    query: auditListQuerySchema,
    responses: { 200: { description: 'A page of events.', body: auditPageSchema } },
  }),
  exportAuditEvents: endpoint({
    method: 'GET',
    path: '/api/v1/audit/export',
    operation: 'audit.read',
    tag: 'Audit',
    summary: 'Export audit events',
    description: `Every event matching \`pattern\` and \`filter\`, in \`sort\` order (the grammar of GET /api/v1/audit), streamed: \`format=csv\` (UTF-8 with a byte-order mark and a header row; before and after as JSON) or \`format=ndjson\` (one event a line, as the list shows it).`,
    query: auditExportQuerySchema,
    responses: {
      200: {
        description: 'The events as a file.',
        body: z.string(),
        mediaType: 'text/csv',
        example: CSV_EXAMPLE,
        alsoAs: { 'application/x-ndjson': { example: NDJSON_EXAMPLE } },
        headers: { 'content-disposition': 'attachment; filename="audit-<date>.csv" (or .ndjson)' },
      },
    },
  }),
  verifyAuditTrail: endpoint({
    method: 'GET',
    path: '/api/v1/audit/verify',
    operation: 'audit.verify',
    tag: 'Audit',
    summary: 'Verify the audit trail',
    description:
      'Recomputes every event’s hash from its content and checks that each links to the one before it, and answers the first broken link: an edited event (`content-changed`) or one whose predecessor was removed or edited (`link-broken`). Takes a while on a long trail. `npm run audit:verify` does the same from the server’s shell.',
    responses: { 200: { description: 'The verdict.', body: auditVerificationSchema } },
  }),
  listUserActivity: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}/activity',
    operation: 'audit.read',
    tag: 'Audit',
    summary: 'A user’s activity',
    description: `The audit events about the user and by them, with the list’s grammar (GET /api/v1/audit). A tenant admin reaches the members of their tenants only; other ids answer 404. ${LIST_GRAMMAR}`,
    params: z.object({ id: idParam.meta({ description: 'The user’s id.' }) }),
    query: auditListQuerySchema,
    responses: { 200: { description: 'A page of events.', body: auditPageSchema } },
    problems: ['not-found'],
  }),
  readAuditRetention: endpoint({
    method: 'GET',
    path: '/api/v1/settings/audit-retention',
    operation: 'settings.manage',
    tag: 'Settings',
    summary: 'Read the audit retention',
    description: 'How many days the audit trail keeps events.',
    responses: { 200: { description: 'The retention.', body: auditRetentionAnswerSchema } },
  }),
  updateAuditRetention: endpoint({
    method: 'PUT',
    path: '/api/v1/settings/audit-retention',
    operation: 'settings.manage',
    tag: 'Settings',
    summary: 'Change the audit retention',
    description: 'Sets how many days the audit trail keeps events; the daily retention job removes older ones, and the trail still verifies from the first kept event. Changing a value AUDIT_RETENTION_DAYS pins answers 409.',
    body: auditRetentionSchema,
    requestExample: { days: 400 },
    responses: { 200: { description: 'The retention now.', body: auditRetentionAnswerSchema } },
    problems: ['conflict'],
  }),
};
