import { z } from 'zod';
import { scopeNameSchema } from '@/lib/users/schemas';

/**
 * The inactivity policy's setting: its bounds, default and schema. Safe for the browser (the
 * Settings "Inactivity" form validates with the same schema as the API and the server action).
 */
export const INACTIVITY_DAYS = { suspendAfter: { min: 30, max: 3650, default: 365 }, warnBefore: { default: 14 } } as const;

export const DEFAULT_INACTIVITY_POLICY: InactivityPolicy = {
  enabled: false,
  suspendAfterDays: INACTIVITY_DAYS.suspendAfter.default,
  warnDaysBefore: INACTIVITY_DAYS.warnBefore.default,
  exemptAdmins: true,
  exemptScope: null,
};

const { min, max } = INACTIVITY_DAYS.suspendAfter;

export const inactivityPolicySchema = z
  .strictObject({
    enabled: z.boolean().meta({ description: 'Whether the daily job applies the policy. Off by default.' }),
    suspendAfterDays: z
      .number({ message: 'Enter a number of days.' })
      .int('Enter a whole number of days.')
      .min(min, `Suspend after at least ${min} days.`)
      .max(max, `Suspend after at most ${max} days (10 years).`)
      .meta({ description: 'An active account with no sign-in (nor creation or change by an admin) for this many days is suspended.', example: 365 }),
    warnDaysBefore: z
      .number({ message: 'Enter a number of days.' })
      .int('Enter a whole number of days.')
      .min(0, 'Enter 0 (no warning) or more days.')
      .meta({ description: 'The warning mail goes this many days before the suspension; 0 sends none. Less than suspendAfterDays.', example: 14 }),
    exemptAdmins: z.boolean().meta({ description: 'System admins and tenant admins are never suspended by the policy.' }),
    exemptScope: scopeNameSchema.nullable().meta({ description: 'Users holding this scope are never suspended by the policy; null for none.', example: 'service' }),
  })
  .refine((policy) => policy.warnDaysBefore < policy.suspendAfterDays, {
    path: ['warnDaysBefore'],
    message: 'Warn fewer days before than the suspension itself.',
  })
  .meta({ id: 'InactivityPolicyInput' });

export type InactivityPolicy = z.output<typeof inactivityPolicySchema>;

/** GET and PUT /api/v1/settings/inactivity answer this. */
export const inactivityPolicyAnswerSchema = z
  .object({
    enabled: z.boolean().meta({ description: 'Whether the daily job applies the policy.' }),
    suspendAfterDays: z.int().meta({ description: 'Days without activity before an account is suspended.', example: 365 }),
    warnDaysBefore: z.int().meta({ description: 'Days before the suspension the warning mail goes; 0: none.', example: 14 }),
    exemptAdmins: z.boolean().meta({ description: 'System admins and tenant admins are exempt.' }),
    exemptScope: z.string().nullable().meta({ description: 'Holders of this scope are exempt; null for none.', example: null }),
  })
  .meta({ id: 'InactivityPolicy' });

/** What a policy would do today: POST /api/v1/settings/inactivity/preview and the settings form. */
export const inactivityPreviewSchema = z
  .object({
    wouldSuspend: z.int().meta({ description: 'Active, not exempt accounts past the limit: the next run suspends them.', example: 1234 }),
    wouldWarn: z.int().meta({ description: 'Accounts inside the warning window not yet warned: the next run mails them.', example: 56 }),
  })
  .meta({ id: 'InactivityPreview' });
export type InactivityPreview = z.output<typeof inactivityPreviewSchema>;
