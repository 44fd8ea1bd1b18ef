import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteOnDisk = {
  /** The route's folder under app/api/v1, as on disk: `users/[id]/permissions`. */
  route: string;
  /** The methods the route file exports, read from its source. */
  methods: HttpMethod[];
  /** The route file's source, for tests that read more from it (its zod schemas, say). */
  source: string;
};

export const API_ROOT = path.join(process.cwd(), 'app', 'api', 'v1');

const METHOD = HTTP_METHODS.join('|');
// `export const GET = ...`, `export async function GET(...)`, and `export { handler as GET }`.
const EXPORTED_METHOD = new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+(${METHOD})\\b|\\bas\\s+(${METHOD})\\b`, 'g');

/** Every route handler file under app/api/v1, found on disk, so no new route escapes a test that walks them all. */
export function apiRoutesOnDisk(): RouteOnDisk[] {
  const found: RouteOnDisk[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const methods = new Set([...source.matchAll(EXPORTED_METHOD)].map((m) => (m[1] ?? m[2]) as HttpMethod));
        found.push({ route: path.relative(API_ROOT, dir).split(path.sep).join('/'), methods: HTTP_METHODS.filter((m) => methods.has(m)), source });
      }
    }
  };
  walk(API_ROOT);
  return found.sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}

/** `METHOD route` for every exported method of every route, sorted. */
export function routeMethodsOnDisk(): string[] {
  return apiRoutesOnDisk()
    .flatMap(({ route, methods }) => methods.map((method) => `${method} ${route}`))
    .sort();
}

/** The route's URL path with each dynamic segment (`[id]`, `[...rest]`) given by `fill`. */
export function routePath(route: string, fill: (segment: DynamicSegment) => string): string {
  const segments = route.split('/').map((segment, index, all) => {
    const dynamic = /^\[(\.\.\.)?(\w+)\]$/.exec(segment);
    return dynamic ? fill({ name: dynamic[2], catchAll: Boolean(dynamic[1]), parent: all[index - 1] ?? null }) : segment;
  });
  return `/api/v1/${segments.join('/')}`;
}

export type DynamicSegment = { name: string; catchAll: boolean; parent: string | null };

export function dynamicSegments(route: string): DynamicSegment[] {
  const found: DynamicSegment[] = [];
  routePath(route, (segment) => {
    found.push(segment);
    return '';
  });
  return found;
}
