import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MOUNTS, type Mount } from '@/lib/api/route-methods';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every API mount: /api/v1 and each vendor dialect under /compat (lib/api/route-methods.ts). */
export const API_MOUNTS = Object.keys(MOUNTS) as Mount[];

export type RouteOnDisk = {
  /** The mount the route is under: `api/v1`, `compat/tyk`. */
  mount: Mount;
  /** The route's folder under the mount's folder in app/, as on disk: `users/[id]/permissions`. */
  route: string;
  /** The methods the route file exports, read from its source. */
  methods: HttpMethod[];
  /** The route file's source, for tests that read more from it (its zod schemas, say). */
  source: string;
  /** The route file's path. */
  file: string;
};

/** The folder in app/ that holds a mount's route files. */
export const mountRoot = (mount: Mount) => path.join(process.cwd(), 'app', ...mount.split('/'));

export const API_ROOT = mountRoot('api/v1');

const METHOD = HTTP_METHODS.join('|');
// `export const GET = ...`, `export async function GET(...)`, and `export { handler as GET }`.
const EXPORTED_METHOD = new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+(${METHOD})\\b|\\bas\\s+(${METHOD})\\b`, 'g');

/** Every route handler file under a mount's folder, found on disk, so no new route escapes a test that walks them all. */
export function routesOnDisk(mount: Mount): RouteOnDisk[] {
  const root = mountRoot(mount);
  const found: RouteOnDisk[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const methods = new Set([...source.matchAll(EXPORTED_METHOD)].map((m) => (m[1] ?? m[2]) as HttpMethod));
        found.push({ mount, route: path.relative(root, dir).split(path.sep).join('/'), methods: HTTP_METHODS.filter((m) => methods.has(m)), source, file: full });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}

/** Every route of /api/v1. */
export const apiRoutesOnDisk = () => routesOnDisk('api/v1');

/** `METHOD route` for every exported method of every route under a mount (by default /api/v1), sorted. */
export function routeMethodsOnDisk(mount: Mount = 'api/v1'): string[] {
  return routesOnDisk(mount)
    .flatMap(({ route, methods }) => methods.map((method) => `${method} ${route}`))
    .sort();
}

/** The route's URL path under its mount, with each dynamic segment (`[id]`, `[...rest]`) given by `fill`. */
export function routePath(mount: Mount, route: string, fill: (segment: DynamicSegment) => string): string {
  const segments = route.split('/').map((segment, index, all) => {
    const dynamic = /^\[(\.\.\.)?(\w+)\]$/.exec(segment);
    return dynamic ? fill({ name: dynamic[2], catchAll: Boolean(dynamic[1]), parent: all[index - 1] ?? null }) : segment;
  });
  return `/${mount}/${segments.join('/')}`;
}

export type DynamicSegment = { name: string; catchAll: boolean; parent: string | null };

export function dynamicSegments(route: string): DynamicSegment[] {
  const found: DynamicSegment[] = [];
  routePath('api/v1', route, (segment) => {
    found.push(segment);
    return '';
  });
  return found;
}
