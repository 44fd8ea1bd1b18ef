import { apiRoute } from '@/lib/api/route';
import { toPublicUser } from '@/lib/users';

export const GET = apiRoute({ access: 'user' }, ({ principal }) => toPublicUser(principal.user, principal.scopes));
