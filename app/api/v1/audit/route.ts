import { apiRoute } from '@/lib/api/route';
import { auditScope } from '@/lib/access/tenant-scope';
import { listAuditEvents } from '@/lib/audit/query';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.listAuditEvents, ({ query, principal }) => listAuditEvents(query, { scope: auditScope(principal) }));
