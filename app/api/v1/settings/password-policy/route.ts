import { apiRoute } from '@/lib/api/route';
import { getPasswordPolicySettings, updatePasswordPolicy } from '@/lib/password-policy-settings';
import { passwordPolicySchema } from '@/lib/schemas/passwords';

export const GET = apiRoute({ access: 'admin' }, () => getPasswordPolicySettings());

export const PUT = apiRoute({ access: 'admin', body: passwordPolicySchema }, ({ body, principal, address }) =>
  updatePasswordPolicy(body, { id: principal.user.id, ip: address }),
);
