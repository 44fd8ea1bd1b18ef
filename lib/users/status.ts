import type { USER_STATUSES } from './schemas';

/** Status rules the users list applies; safe for the browser, which hides actions that would be refused. */

export type UserStatus = (typeof USER_STATUSES)[number];

/** The status changes the list offers (its row menu and bulk bar). */
export const STATUS_CHANGES = {
  suspended: { verb: 'Suspend', done: 'Suspended' },
  active: { verb: 'Activate', done: 'Activated' },
} as const;
export type StatusChange = keyof typeof STATUS_CHANGES;

/** Why a user cannot be given a status, or null when they can. Setting the status a user already has is allowed (and changes nothing). */
export function statusChangeRefusal(from: UserStatus, to: StatusChange): string | null {
  if (from === 'deleting') return 'This user is being deleted.';
  // A pending user has no password yet: "active" would not let them sign in; accepting the invitation does.
  if (from === 'pending' && to === 'active') return 'This user is invited and becomes active by accepting the invitation.';
  return null;
}

/** Whether the row menu offers a change: a refused one is hidden, and so is the status the user already has. */
export function offersStatusChange(from: UserStatus, to: StatusChange): boolean {
  return from !== to && statusChangeRefusal(from, to) === null;
}
