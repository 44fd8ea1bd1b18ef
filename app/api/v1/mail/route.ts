import { apiRoute } from '@/lib/api/route';
import { listRecentMail, mailLogQuerySchema } from '@/lib/mail/outbox';


/** Recent outgoing mail with its delivery status. Bodies are previews: links carrying codes are left out. */
export const GET = apiRoute({ operation: 'mail.read', query: mailLogQuerySchema.strict() }, ({ query }) => listRecentMail(query));
