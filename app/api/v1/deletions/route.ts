import { apiRoute } from '@/lib/api/route';
import { listDeletions } from '@/lib/deletion/requests';

/** Recent and running deletions, newest first. */
export const GET = apiRoute({ operation: 'users.delete' }, async () => ({ items: await listDeletions() }));
