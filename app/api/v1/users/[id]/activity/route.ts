import { apiRoute } from '@/lib/api/route';
import { auditScope, requireReadableUser } from '@/lib/access/tenant-scope';
import { listAuditEvents } from '@/lib/audit/query';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.listUserActivity, async ({ params, query, principal }) => {
  const user = await requireReadableUser(principal, params.id);
  return listAuditEvents(query, { scope: auditScope(principal), aboutUser: user.id });
});
