import type { UserListItem } from '@/lib/search/user-search';
import { displayName } from '@/lib/users/users';

/** What the users table shows of a user: only what its columns need, so the page payload stays small. */
export type UserTableRow = Pick<UserListItem, 'id' | 'email' | 'username' | 'role' | 'status' | 'scope' | 'createdAt' | 'lastSignInAt'> & {
  name: string;
  tenants: { id: string; name: string }[];
};

export function toUserTableRow(user: UserListItem): UserTableRow {
  return {
    id: user.id,
    name: displayName(user),
    email: user.email,
    username: user.username,
    role: user.role,
    status: user.status,
    scope: user.scope,
    tenants: user.tenants.map(({ id, name }) => ({ id, name })),
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}
