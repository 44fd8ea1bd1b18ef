import { z } from 'zod';

/** How long the trail keeps events, in days: the setting's bounds and default. Safe for the browser (the settings form). */
export const AUDIT_RETENTION_DAYS = { default: 400, min: 1, max: 3650 } as const;

/** The Settings "Audit" form and its server action. */
export const auditRetentionSchema = z.strictObject({
  days: z
    .number({ message: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(AUDIT_RETENTION_DAYS.min, `Keep events at least ${AUDIT_RETENTION_DAYS.min} day.`)
    .max(AUDIT_RETENTION_DAYS.max, `Keep events at most ${AUDIT_RETENTION_DAYS.max} days (10 years).`),
});

/** GET and PUT /api/v1/settings/audit-retention answer this. */
export const auditRetentionAnswerSchema = z
  .object({
    days: z.int().meta({ description: 'Events older than this many days are removed by the daily retention job.', example: AUDIT_RETENTION_DAYS.default }),
    pinned: z.boolean().meta({ description: 'Set by AUDIT_RETENTION_DAYS in the server’s environment: a change answers 409.' }),
  })
  .meta({ id: 'AuditRetention' });
