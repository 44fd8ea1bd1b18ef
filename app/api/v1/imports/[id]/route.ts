import { apiRoute } from '@/lib/api/route';
import { getImport } from '@/lib/imports';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/imports/:id: the import's progress. */
export const GET = apiRoute(V1_ENDPOINTS.getImport, ({ params, principal }) => getImport(params.id, principal));
