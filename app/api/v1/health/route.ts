import { apiRoute } from '@/lib/api/route';
import { checkDatabase } from '@/lib/server/health';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** For load balancers and uptime checks: no sign-in, no personal data; 503 when the database cannot be reached. */
export const GET = apiRoute(V1_ENDPOINTS.health, async () => {
  await checkDatabase();
  return { status: 'ok' };
});
