import { z } from 'zod';
import type { Principal } from '@/lib/auth/principal';
import { listUserPermissions } from './grants';
import { getResource, listResources } from './resources';
import { resourceRow, type GridRow } from './grid-rows';

export const USER_GRID_PAGE_SIZE = 25;

export const userGridQuerySchema = z.strictObject({
  pattern: z.string().trim().max(128),
  page: z.number().int().min(1).max(1_000_000),
  /** Only the resources the user holds a role on (expired ones included). */
  heldOnly: z.boolean(),
});
export type UserGridQuery = z.infer<typeof userGridQuerySchema>;

export type UserGridPage = { rows: GridRow[]; total: number; heldCount: number };

/**
 * One page of a user's grid: the resources the caller reaches, by name, each with the user's
 * role on it. Resources come a page at a time (there may be thousands); the user's own grants
 * are few enough to read whole, which also gives the "with a role" view.
 */
export async function userGridPage(principal: Principal, userId: string, query: UserGridQuery): Promise<UserGridPage> {
  const grants = await listUserPermissions(principal, userId);
  const offset = (query.page - 1) * USER_GRID_PAGE_SIZE;
  if (query.heldOnly) {
    const needle = query.pattern.toLowerCase();
    const matching = grants.filter((grant) => grant.resourceName.toLowerCase().includes(needle));
    const rows = await Promise.all(matching.slice(offset, offset + USER_GRID_PAGE_SIZE).map(async (grant) => resourceRow(await getResource(principal, grant.resourceId), grant)));
    return { rows, total: matching.length, heldCount: grants.length };
  }
  const byResource = new Map(grants.map((grant) => [grant.resourceId, grant]));
  const { items, total } = await listResources(principal, { pattern: query.pattern || undefined, limit: USER_GRID_PAGE_SIZE, offset });
  return { rows: items.map((resource) => resourceRow(resource, byResource.get(resource.id))), total, heldCount: grants.length };
}
