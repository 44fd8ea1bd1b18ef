import { apiRoute } from '@/lib/api/route';
import { getPasswordPolicySettings, updatePasswordPolicy } from '@/lib/passwords/policy-settings';
import { passwordPolicySchema } from '@/lib/passwords/schemas';

export const GET = apiRoute({ operation: 'settings.manage' }, () => getPasswordPolicySettings());

export const PUT = apiRoute({ operation: 'settings.manage', body: passwordPolicySchema }, async ({ body, principal, address }) =>
  await updatePasswordPolicy(body, { id: principal.user.id, ip: address }),
);
