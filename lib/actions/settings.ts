'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { auditRetentionSchema } from '@/lib/audit/retention-rules';
import { updateAuditRetention } from '@/lib/audit/retention-settings';
import { previewInactivity } from '@/lib/inactivity/inactivity';
import { inactivityPolicySchema } from '@/lib/inactivity/policy';
import { updateInactivityPolicy } from '@/lib/inactivity/settings';
import { updatePasswordPolicy } from '@/lib/passwords/policy-settings';
import { passwordPolicySchema } from '@/lib/passwords/schemas';
import { serverAction } from './server-action';

/** Saves the password policy, with the schema PUT /api/v1/settings/password-policy uses. */
export const updatePasswordPolicyAction = serverAction({ operation: 'settings.manage', input: z.tuple([passwordPolicySchema]) }, async ({ actor, input: [policy] }) => {
  const settings = await updatePasswordPolicy(policy, actor);
  // Pages this tab already visited (a user's set-password dialog) show the rules: drop their cached copies.
  revalidatePath('/', 'layout');
  return { settings };
});

/** Saves how long the audit trail keeps events. */
export const updateAuditRetentionAction = serverAction({ operation: 'settings.manage', input: z.tuple([auditRetentionSchema]) }, async ({ input: [{ days }] }) => {
  const settings = await updateAuditRetention(days);
  revalidatePath('/settings/audit');
  return { settings };
});

/** Saves the inactivity policy, with the schema PUT /api/v1/settings/inactivity uses. */
export const updateInactivityPolicyAction = serverAction({ operation: 'settings.manage', input: z.tuple([inactivityPolicySchema]) }, async ({ input: [policy] }) => {
  const settings = await updateInactivityPolicy(policy);
  revalidatePath('/settings/inactivity');
  return { settings };
});

/** What the form's values would do today, before they are saved (POST /api/v1/settings/inactivity/preview). */
export const previewInactivityPolicyAction = serverAction({ operation: 'settings.manage', input: z.tuple([inactivityPolicySchema]) }, async ({ input: [policy] }) => ({
  preview: await previewInactivity(policy),
}));
