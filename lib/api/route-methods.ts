/**
 * The methods each API route answers, per mount (/api/v1 and each vendor dialect under
 * /compat), by its folder under the mount's folder in app/. Next answers a method a route
 * does not export with an empty 405, and a method it does not know at all with an empty 400
 * or a 500, before any route code runs; the front door (lib/http/request.ts) answers those itself
 * from these tables, in the mount's error shape with an `Allow` header.
 * tests/unit/route-methods.test.ts keeps the tables equal to the route files.
 */

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];
type RouteTable = Record<string, readonly ApiMethod[]>;

const API_V1_ROUTES: RouteTable = {
  audit: ['GET'],
  'audit/export': ['GET'],
  'audit/verify': ['GET'],
  'auth/token': ['POST', 'DELETE'],
  deletions: ['GET'],
  health: ['GET'],
  imports: ['GET', 'POST'],
  'imports/[id]': ['GET'],
  'imports/[id]/cancel': ['POST'],
  'imports/[id]/report': ['GET'],
  'invitations/accept': ['POST'],
  mail: ['GET'],
  'openapi.json': ['GET'],
  me: ['GET', 'PATCH'],
  'me/access-key': ['GET'],
  'me/access-key/rotate': ['POST'],
  'me/password': ['POST'],
  'me/sessions': ['GET', 'DELETE'],
  'me/sessions/[id]': ['DELETE'],
  'password/forgot': ['POST'],
  'password/reset': ['POST'],
  resources: ['GET', 'POST'],
  'resources/[id]': ['GET', 'PATCH', 'DELETE'],
  'resources/[id]/permissions': ['GET', 'PATCH'],
  'settings/audit-retention': ['GET', 'PUT'],
  'settings/password-policy': ['GET', 'PUT'],
  'sign-up/confirm': ['POST'],
  tenants: ['GET', 'POST'],
  'tenants/[tenant]': ['GET', 'PATCH', 'DELETE'],
  'tenants/[tenant]/users': ['GET'],
  'tenants/[tenant]/users/[userId]': ['PUT', 'DELETE'],
  users: ['GET', 'POST'],
  'users/count': ['GET'],
  'users/export': ['GET'],
  'users/[id]': ['GET', 'PATCH', 'DELETE'],
  'users/[id]/access-key': ['GET'],
  'users/[id]/activity': ['GET'],
  'users/[id]/access-key/rotate': ['POST'],
  'users/[id]/delete-status/[ticket]': ['GET', 'DELETE'],
  'users/[id]/invitation': ['POST'],
  'users/[id]/password': ['POST'],
  'users/[id]/permissions': ['GET', 'PATCH'],
  'users/[id]/permissions/[resourceId]': ['PUT', 'POST', 'DELETE'],
  'users/[id]/sessions': ['GET', 'DELETE'],
  'users/[id]/sessions/[sessionId]': ['DELETE'],
  webhooks: ['GET', 'POST'],
  'webhooks/[id]': ['GET', 'PATCH', 'DELETE'],
  'webhooks/[id]/deliveries': ['GET'],
  'webhooks/[id]/deliveries/[deliveryId]/redeliver': ['POST'],
};

// The vendor dialects (lib/compat): each vendor's documented paths, as printed, under its mount.
const APPMIXER_ROUTES: RouteTable = {
  'forgot-password': ['POST'],
  'forgot-password/reset': ['POST'],
  user: ['GET', 'POST'],
  'user/auth': ['POST'],
  'user/change-password': ['POST'],
  'user/forgot-password': ['POST'],
  'user/forgot-password/reset': ['POST'],
  'user/reset-password': ['POST'],
  users: ['GET'],
  'users/count': ['GET'],
  'users/[userId]': ['GET', 'PUT', 'DELETE'],
  'users/[userId]/delete-status/[ticket]': ['GET'],
};
const TYK_ROUTES: RouteTable = {
  'api/users': ['GET', 'POST'],
  'api/users/[id]': ['GET', 'PUT', 'DELETE'],
  'api/users/[id]/actions/key/reset': ['PUT'],
  'api/users/[id]/actions/reset': ['POST'],
};
const TELM_ROUTES: RouteTable = {
  'api/auth/auth/token': ['POST'],
  'api/auth/auth/[tenant]/users': ['GET', 'POST'],
  'api/auth/auth/[tenant]/users/[user_email]': ['GET', 'DELETE'],
  'api/auth/auth/[tenant]/users/[user_email]/assign': ['PUT'],
  'api/auth/auth/[tenant]/user/[user_email]': ['PUT'],
  'api/auth/auth/[tenant]/user/[user_email]/password': ['PUT', 'DELETE'],
};
const SOLVEXIA_ROUTES: RouteTable = {
  'oauth/token': ['POST'],
  // The document prints its paths under /api/v1 and under /v1, and `permissions` also as `permisions`: each is served.
  'api/v1/users': ['GET', 'POST'],
  'api/v1/users/[userId]': ['GET', 'POST'],
  'api/v1/users/[userId]/permissions': ['GET'],
  'api/v1/users/[userId]/permissions/[resourceId]': ['POST', 'DELETE'],
  'api/v1/users/[userId]/permisions': ['GET'],
  'api/v1/users/[userId]/permisions/[resourceId]': ['POST', 'DELETE'],
  'v1/users': ['GET', 'POST'],
  'v1/users/[userId]': ['GET', 'POST'],
  'v1/users/[userId]/permissions': ['GET'],
  'v1/users/[userId]/permissions/[resourceId]': ['POST', 'DELETE'],
  'v1/users/[userId]/permisions': ['GET'],
  'v1/users/[userId]/permisions/[resourceId]': ['POST', 'DELETE'],
};

export const MOUNTS = {
  'api/v1': API_V1_ROUTES,
  'compat/appmixer': APPMIXER_ROUTES,
  'compat/tyk': TYK_ROUTES,
  'compat/telm': TELM_ROUTES,
  'compat/solvexia': SOLVEXIA_ROUTES,
} as const satisfies Record<string, RouteTable>;

export type Mount = keyof typeof MOUNTS;

/** Static segments before dynamic ones, as Next's router prefers `users/count` to `users/[id]`. */
const ROUTES = Object.entries(MOUNTS).map(([mount, table]) => ({
  mount: mount as Mount,
  prefix: `/${mount}/`,
  routes: Object.entries(table)
    .map(([route, methods]) => ({ segments: route.split('/'), methods }))
    .sort((a, b) => staticWeight(b.segments) - staticWeight(a.segments)),
}));

function staticWeight(segments: string[]): number {
  return segments.reduce((weight, segment, index) => weight + (segment.startsWith('[') ? 0 : 2 ** (16 - index)), 0);
}

/** The mount an API path is under, or null for pages. */
export function mountOf(rawPathname: string): Mount | null {
  return ROUTES.find(({ prefix }) => rawPathname.startsWith(prefix))?.mount ?? null;
}

/**
 * What `Allow` says for an API path as sent (still percent-encoded: an encoded slash is part
 * of one segment, as Next's router sees it): the route's methods plus HEAD (with GET) and
 * OPTIONS, which Next answers by itself. Null for a path no route serves.
 */
export function allowedApiMethods(rawPathname: string): string[] | null {
  const mount = ROUTES.find(({ prefix }) => rawPathname.startsWith(prefix));
  if (!mount) return null;
  const segments = rawPathname.slice(mount.prefix.length).replace(/\/$/, '').split('/').map(decodeURIComponent);
  const route = mount.routes.find((candidate) => candidate.segments.length === segments.length && candidate.segments.every((segment, i) => segment.startsWith('[') || segment === segments[i]));
  if (!route) return null;
  return [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}
