import type { Principal } from '../../auth/principal';
import { listUsers, loadListItems } from '@/lib/search/user-search';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { requireUserById } from '@/lib/users/users';
import { toTykUser } from './mapping';
import { TYK_PAGE_SIZE, type TykUser, type TykUserList } from './schemas';

type Actor = { id: string; ip?: string | null; userAgent?: string | null };

/**
 * GET /api/users: page `p` of the users the caller may list (a tenant admin: their tenants'
 * members), oldest first so pages stay put while users are added, with `pages` to go by.
 */
export async function listTykUsers(principal: Principal, page: number, actor: Actor): Promise<TykUserList> {
  // Tyk's `pages` is a whole number a client pages up to: counted exactly, never estimated.
  const list = await listUsers({ limit: TYK_PAGE_SIZE, offset: (page - 1) * TYK_PAGE_SIZE, sort: 'created:1', includeTotal: true }, userListRestriction(principal), { countBudgetMs: null });
  return {
    users: await Promise.all(list.items.map((user) => toTykUser(user, principal, actor))),
    pages: Math.ceil((list.total ?? 0) / TYK_PAGE_SIZE),
  };
}

/** One user as Tyk shows it; the caller's right to read them is checked before. */
export async function readTykUser(id: string, principal: Principal, actor: Actor): Promise<TykUser> {
  const [user] = await loadListItems([(await requireUserById(id)).pk]);
  return await toTykUser(user, principal, actor);
}
