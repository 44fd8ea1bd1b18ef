import { API_DOOR, type Door } from '../api/door';
import { ApiError } from '../api/errors';
import type { Mount } from '../api/route-methods';
import { APPMIXER_DOOR } from './appmixer/door';
import { SOLVEXIA_DOOR } from './solvexia/door';
import { TELM_DOOR } from './telm/door';
import { TYK_DOOR } from './tyk/door';

/** The door of each API mount, for answers given before a route runs (lib/http/request.ts, the catch-alls). */
export const DOORS: Record<Mount, Door> = {
  'api/v1': API_DOOR,
  'compat/appmixer': APPMIXER_DOOR,
  'compat/tyk': TYK_DOOR,
  'compat/telm': TELM_DOOR,
  'compat/solvexia': SOLVEXIA_DOOR,
};

/** The catch-all route of a mount: an unknown path answers 404 in the mount's error shape, not with the HTML page. */
export function unmatchedPathHandler(mount: Mount) {
  return (request: Request): Response => {
    const { status, headers, body } = DOORS[mount].errorParts(new ApiError('not-found', 'There is no such API endpoint.'), new URL(request.url).pathname);
    return new Response(body, { status, headers });
  };
}
