import { apiRoute } from '@/lib/api/route';
import { listDeletions } from '@/lib/deletion/requests';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Recent and running deletions, newest first. */
export const GET = apiRoute(V1_ENDPOINTS.listDeletions, async () => ({ items: await listDeletions() }));
