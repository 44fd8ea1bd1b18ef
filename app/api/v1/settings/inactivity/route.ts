import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { getInactivityPolicy, updateInactivityPolicy } from '@/lib/inactivity/settings';

export const GET = apiRoute(V1_ENDPOINTS.readInactivityPolicy, () => getInactivityPolicy());

export const PUT = apiRoute(V1_ENDPOINTS.updateInactivityPolicy, ({ body }) => updateInactivityPolicy(body));
