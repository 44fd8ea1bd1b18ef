import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { openApiDocument } from '@/lib/openapi/document';

export const GET = apiRoute(V1_ENDPOINTS.openApiDocument, () => openApiDocument());
