import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { previewInactivity } from '@/lib/inactivity/inactivity';

export const POST = apiRoute(V1_ENDPOINTS.previewInactivityPolicy, ({ body }) => previewInactivity(body));
