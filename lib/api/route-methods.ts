/**
 * The methods each /api/v1 route answers, by its folder under app/api/v1. Next answers a
 * method a route does not export with an empty 405, and a method it does not know at all with
 * an empty 400 or a 500, before any route code runs; the front door (lib/request.ts) answers
 * those itself from this table, in problem+json with an `Allow` header.
 * tests/unit/route-methods.test.ts keeps the table equal to the route files.
 */

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export const API_ROUTE_METHODS: Record<string, readonly ApiMethod[]> = {
  'auth/token': ['POST', 'DELETE'],
  deletions: ['GET'],
  'invitations/accept': ['POST'],
  mail: ['GET'],
  me: ['GET', 'PATCH'],
  'me/password': ['POST'],
  'password/forgot': ['POST'],
  'password/reset': ['POST'],
  resources: ['GET', 'POST'],
  'resources/[id]': ['GET', 'PATCH', 'DELETE'],
  'resources/[id]/permissions': ['GET', 'PATCH'],
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
  'users/[id]/delete-status/[ticket]': ['GET', 'DELETE'],
  'users/[id]/invitation': ['POST'],
  'users/[id]/password': ['POST'],
  'users/[id]/permissions': ['GET', 'PATCH'],
  'users/[id]/permissions/[resourceId]': ['PUT', 'POST', 'DELETE'],
};

const API_PREFIX = '/api/v1/';

/** Static segments before dynamic ones, as Next's router prefers `users/count` to `users/[id]`. */
const ROUTES = Object.entries(API_ROUTE_METHODS)
  .map(([route, methods]) => ({ segments: route.split('/'), methods }))
  .sort((a, b) => staticWeight(b.segments) - staticWeight(a.segments));

function staticWeight(segments: string[]): number {
  return segments.reduce((weight, segment, index) => weight + (segment.startsWith('[') ? 0 : 2 ** (16 - index)), 0);
}

/**
 * What `Allow` says for an /api/v1 path as sent (still percent-encoded: an encoded slash is
 * part of one segment, as Next's router sees it): the route's methods plus HEAD (with GET)
 * and OPTIONS, which Next answers by itself. Null for a path no route serves.
 */
export function allowedApiMethods(rawPathname: string): string[] | null {
  if (!rawPathname.startsWith(API_PREFIX)) return null;
  const segments = rawPathname.slice(API_PREFIX.length).replace(/\/$/, '').split('/').map(decodeURIComponent);
  const route = ROUTES.find((candidate) => candidate.segments.length === segments.length && candidate.segments.every((segment, i) => segment.startsWith('[') || segment === segments[i]));
  if (!route) return null;
  return [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}
