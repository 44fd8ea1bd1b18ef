import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedApiMethods, MOUNTS } from '@/lib/api/route-methods';

/** The methods each route file under a mount exports, read from the source (the catch-all excluded: it answers 404 for any path). */
function routesOnDisk(mount: string): Record<string, string[]> {
  const root = path.join(process.cwd(), 'app', ...mount.split('/'));
  const found: Record<string, string[]> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const route = path.relative(root, dir).split(path.sep).join('/');
        if (route.includes('[...')) continue;
        const source = readFileSync(full, 'utf8');
        const methods = new Set([...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g), ...source.matchAll(/as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]));
        found[route] = [...methods].sort();
      }
    }
  };
  walk(root);
  return found;
}

describe('the API route method tables', () => {
  it.each(Object.keys(MOUNTS))('lists exactly the routes and methods the route files under %s export', (mount) => {
    const table = Object.fromEntries(Object.entries(MOUNTS[mount as keyof typeof MOUNTS]).map(([route, methods]) => [route, [...methods].sort()]));
    expect(table).toEqual(routesOnDisk(mount));
  });

  it('matches static segments before dynamic ones, and says what Allow says', () => {
    expect(allowedApiMethods('/api/v1/users/count')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedApiMethods('/api/v1/users/usr_123')).toEqual(['GET', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(allowedApiMethods('/api/v1/users/usr_123/permissions/res_1')).toEqual(['PUT', 'POST', 'DELETE', 'OPTIONS']);
    expect(allowedApiMethods('/api/v1/me/')).toEqual(['GET', 'PATCH', 'HEAD', 'OPTIONS']);
    expect(allowedApiMethods('/api/v1/nothing/here')).toBeNull();
    // An encoded slash stays inside its segment, as Next routes it; an encoded static segment still matches.
    expect(allowedApiMethods('/api/v1/users/a%2Fb')).toEqual(['GET', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(allowedApiMethods('/api/v1/users/%63ount')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedApiMethods('/sign-in')).toBeNull();
  });
});
