import { apiRoute } from '@/lib/api/route';
import { verifyAuditChain } from '@/lib/audit/verify';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.verifyAuditTrail, () => verifyAuditChain());
