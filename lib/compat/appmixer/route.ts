import { routeThrough } from '../../api/route';
import { APPMIXER_DOOR } from './door';

/** The wrapper of every route under /compat/appmixer: the /api/v1 pipeline behind Appmixer's door. */
export const appmixerRoute = routeThrough(APPMIXER_DOOR);
