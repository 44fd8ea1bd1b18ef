import { apiRoute } from '@/lib/api/route';
import { getAuditRetentionSettings, updateAuditRetention } from '@/lib/audit/retention-settings';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.readAuditRetention, () => getAuditRetentionSettings());

export const PUT = apiRoute(V1_ENDPOINTS.updateAuditRetention, ({ body }) => updateAuditRetention(body.days));
