import type { RESOURCE_ROLES } from '@/lib/access/matrix';
import type { Principal } from '@/lib/auth/principal';
import type { Grant, ResourcePermission } from './grants';
import type { Resource } from './resources';
import { manageRefusals, type ManageRefusal } from '@/lib/access/tenant-scope';
import type { UserStatus } from '@/lib/users/status';

/** The permission grids' rows, built from what lib/ lists, and what the grids send back. */

/** A stored grant; `expiresAt` is an ISO string, so rows cross from server to browser unchanged. */
export type GridGrant = { role: keyof typeof RESOURCE_ROLES; expiresAt: string | null; expired: boolean };

export type GridRow = {
  /** The user id or the resource id. */
  key: string;
  name: string;
  detail?: string;
  /** What names the row in control labels and in the summary: an email, or a resource's name. */
  label: string;
  href: string;
  /** A user's status when it is not `active`. */
  status?: UserStatus;
  grant: GridGrant | null;
  /** A word under the name, such as "Added: choose a role". */
  note?: string;
  /** Why this row cannot be changed by the caller, if it cannot. */
  lockedReason?: string;
};

/** One staged row as the save actions receive it: `role: null` revokes. */
export type GridChange = { key: string; role: GridGrant['role'] | null; expiresAt: string | null };

export type SaveCounts = { granted: number; changed: number; revoked: number; unchanged: number };

function gridGrant(grant: Grant | undefined): GridGrant | null {
  return grant ? { role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null, expired: grant.expired } : null;
}

/** A resource as a row of a user's grid, with the role the user holds on it. */
export function resourceRow(resource: Pick<Resource, 'id' | 'name' | 'kind' | 'tenantSlug'>, grant: Grant | undefined): GridRow {
  return {
    key: resource.id,
    name: resource.name,
    label: resource.name,
    detail: `${resource.kind} · ${resource.tenantSlug ?? 'global'}`,
    href: `/resources/${resource.id}`,
    grant: gridGrant(grant),
  };
}

const LOCKED_BECAUSE: Record<ManageRefusal, string> = {
  'outside-tenants': 'Not in your tenants: only a system admin can change this role.',
  'system-admin': 'Only a system admin can change a system admin.',
};

/**
 * Why the caller cannot change a user's roles, or undefined. A tenant admin sees every holder
 * of their tenants' resources, including people outside their tenants and system admins,
 * whom lib/ would refuse on Save: the row says so before anyone tries.
 */
function lockedReason(user: { status: string }, refusal: ManageRefusal | undefined): string | undefined {
  if (user.status === 'deleting') return 'Being deleted: their roles can no longer change.';
  return refusal && LOCKED_BECAUSE[refusal];
}

export async function userLockedReason(principal: Principal, user: { id: string; status: string }): Promise<string | undefined> {
  return lockedReason(user, (await manageRefusals(principal, [user.id])).get(user.id));
}

/** The holders as rows of a resource's grid. */
export async function holderRows(principal: Principal, holders: ResourcePermission[]): Promise<GridRow[]> {
  const refusals = await manageRefusals(principal, holders.map((holder) => holder.userId));
  return holders.map((holder) => ({
    key: holder.userId,
    name: holder.name,
    label: holder.email,
    detail: holder.name === holder.email ? undefined : holder.email,
    href: `/users/${holder.userId}`,
    status: holder.status === 'active' ? undefined : (holder.status as GridRow['status']),
    grant: gridGrant(holder),
    lockedReason: lockedReason(holder, refusals.get(holder.userId)),
  }));
}
