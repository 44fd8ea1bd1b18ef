import { routeThrough } from '../../api/route';
import { SOLVEXIA_DOOR } from './door';

/** The route wrapper of every route under /compat/solvexia. */
export const solvexiaRoute = routeThrough(SOLVEXIA_DOOR);
