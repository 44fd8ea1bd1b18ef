import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { listRecentMail } from '@/lib/mail';

const query = z.strictObject({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int().min(1).max(100, 'limit is at most 100.').default(50),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int().min(0).default(0),
});

/** Recent outgoing mail with its delivery status. Bodies are previews: links carrying codes are left out. */
export const GET = apiRoute({ operation: 'mail.read', query }, ({ query }) => listRecentMail(query));
