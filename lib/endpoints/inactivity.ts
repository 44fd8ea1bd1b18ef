import { endpoint } from '@/lib/api/endpoint';
import { DEFAULT_INACTIVITY_POLICY, inactivityPolicyAnswerSchema, inactivityPolicySchema, inactivityPreviewSchema } from '@/lib/inactivity/policy';

const POLICY_TEXT =
  'An active account with no sign-in for suspendAfterDays (counted from its creation when it never signed in, and from an admin’s last change such as a reactivation) is suspended by a daily job, with the policy as the actor in the audit trail; warnDaysBefore days earlier its owner is mailed a warning. Admins and holders of exemptScope can be exempt.';

/** The inactivity policy (lib/inactivity): its setting and a preview of what it would do today. */
export const INACTIVITY_ENDPOINTS = {
  readInactivityPolicy: endpoint({
    method: 'GET',
    path: '/api/v1/settings/inactivity',
    operation: 'settings.manage',
    tag: 'Settings',
    summary: 'Read the inactivity policy',
    description: `${POLICY_TEXT} Off by default.`,
    responses: { 200: { description: 'The policy.', body: inactivityPolicyAnswerSchema } },
  }),
  updateInactivityPolicy: endpoint({
    method: 'PUT',
    path: '/api/v1/settings/inactivity',
    operation: 'settings.manage',
    tag: 'Settings',
    summary: 'Change the inactivity policy',
    description: `${POLICY_TEXT} Accounts already past the limit are suspended at the next run without a warning: preview first (POST /api/v1/settings/inactivity/preview).`,
    body: inactivityPolicySchema,
    requestExample: { ...DEFAULT_INACTIVITY_POLICY, enabled: true },
    responses: { 200: { description: 'The policy now.', body: inactivityPolicyAnswerSchema } },
  }),
  previewInactivityPolicy: endpoint({
    method: 'POST',
    path: '/api/v1/settings/inactivity/preview',
    operation: 'settings.manage',
    tag: 'Settings',
    summary: 'Preview an inactivity policy',
    description: 'How many accounts the given policy would suspend and warn if it ran now, whether or not it is enabled or saved. Changes nothing.',
    body: inactivityPolicySchema,
    requestExample: { ...DEFAULT_INACTIVITY_POLICY, enabled: true },
    responses: { 200: { description: 'The counts.', body: inactivityPreviewSchema } },
  }),
};
