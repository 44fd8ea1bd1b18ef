import { apiRoute } from '@/lib/api/route';
import { checkDatabase } from '@/lib/server/health';

/** For load balancers and uptime checks: no sign-in, no personal data; 503 when the database cannot be reached. */
export const GET = apiRoute({ operation: 'health.read' }, async () => {
  await checkDatabase();
  return { status: 'ok' };
});
