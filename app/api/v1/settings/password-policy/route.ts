import { apiRoute } from '@/lib/api/route';
import { getPasswordPolicySettings, updatePasswordPolicy } from '@/lib/passwords/policy-settings';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.readPasswordPolicy, () => getPasswordPolicySettings());

export const PUT = apiRoute(V1_ENDPOINTS.updatePasswordPolicy, async ({ body, principal, address }) =>
  await updatePasswordPolicy(body, { id: principal.user.id, ip: address }),
);
