import { apiRoute } from '@/lib/api/route';
import { listRecentMail } from '@/lib/mail/outbox';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Recent outgoing mail with its delivery status. Bodies are previews: links carrying codes are left out. */
export const GET = apiRoute(V1_ENDPOINTS.listMail, ({ query }) => listRecentMail(query));
