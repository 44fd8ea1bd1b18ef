/** The bulk actions and how the pages and messages name them; safe for the browser. */

export const BULK_ACTIONS = {
  suspend: { verb: 'Suspend', running: 'Suspending', summary: 'Suspended {n}', needs: null },
  activate: { verb: 'Activate', running: 'Activating', summary: 'Activated {n}', needs: null },
  delete: { verb: 'Delete', running: 'Starting to delete', summary: 'Started deleting {n}', needs: null },
  'add-scope': { verb: 'Add scope', running: 'Adding the scope to', summary: 'Added the scope to {n}', needs: 'scope' },
  'remove-scope': { verb: 'Remove scope', running: 'Removing the scope from', summary: 'Removed the scope from {n}', needs: 'scope' },
  'add-to-tenant': { verb: 'Add to tenant', running: 'Adding to the tenant', summary: 'Added {n} to the tenant', needs: 'tenant' },
  'remove-from-tenant': { verb: 'Remove from tenant', running: 'Removing from the tenant', summary: 'Removed {n} from the tenant', needs: 'tenant' },
} as const satisfies Record<string, { verb: string; running: string; summary: string; needs: 'scope' | 'tenant' | null }>;

export type BulkAction = keyof typeof BULK_ACTIONS;

/** A row's outcome: changed, already so, or left as it was with a reason. */
export const BULK_OUTCOMES = ['done', 'unchanged', 'refused'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export function usersCount(n: number): string {
  return `${n.toLocaleString('en-US')} user${n === 1 ? '' : 's'}`;
}

/** What a finished job did, in a sentence or two: "Suspended 12,001 users. 3 refused." */
export function bulkSummary(action: BulkAction, status: string, counts: Record<BulkOutcome, number>): string {
  const parts = [`${BULK_ACTIONS[action].summary.replace('{n}', usersCount(counts.done))}.`];
  if (counts.unchanged > 0) parts.push(`${usersCount(counts.unchanged)} already so.`);
  if (counts.refused > 0) parts.push(`${counts.refused.toLocaleString('en-US')} refused.`);
  if (status === 'cancelled') parts.unshift('Cancelled.');
  if (status === 'failed') parts.unshift('Stopped by an error.');
  return parts.join(' ');
}
