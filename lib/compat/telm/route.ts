import { routeThrough } from '../../api/route';
import { TELM_DOOR } from './door';

/** The route wrapper of every /compat/telm route: /api/v1's pipeline behind telm.ai's door. */
export const telmRoute = routeThrough(TELM_DOOR);
