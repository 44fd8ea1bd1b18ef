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
