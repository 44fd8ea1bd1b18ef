import { requireOperation } from '@/lib/auth/session';
import { userLockedReason } from '@/lib/permissions/grid-rows';
import { USER_GRID_PAGE_SIZE, userGridPage } from '@/lib/permissions/user-page-grid';
import { UserPermissionGrid } from './user-permission-grid';

/** The user page's permission grid, with its first page read on the server so it shows at once. */
export async function UserPermissionsSection({ user }: { user: { id: string; email: string; status: string } }) {
  const principal = await requireOperation('permissions.read');
  return (
    <div id="permissions" className="mt-6">
      <UserPermissionGrid
        user={{ id: user.id, email: user.email }}
        initial={await userGridPage(principal, user.id, { pattern: '', page: 1, heldOnly: false })}
        pageSize={USER_GRID_PAGE_SIZE}
        readOnlyReason={await userLockedReason(principal, user)}
      />
    </div>
  );
}
