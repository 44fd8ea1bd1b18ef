import { apiRoute } from '@/lib/api/route';
import { cancelImport } from '@/lib/imports';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** POST /api/v1/imports/:id/cancel */
export const POST = apiRoute(V1_ENDPOINTS.cancelImport, ({ params, principal }) => cancelImport(params.id, principal));
