/** The bulk actions and how the pages and messages name them; safe for the browser. */

export const BULK_ACTIONS = {
  suspend: { verb: 'Suspend', done: 'Suspended', needs: null },
  activate: { verb: 'Activate', done: 'Activated', needs: null },
  delete: { verb: 'Delete', done: 'Started deleting', needs: null },
  'add-scope': { verb: 'Add scope', done: 'Added the scope to', needs: 'scope' },
  'remove-scope': { verb: 'Remove scope', done: 'Removed the scope from', needs: 'scope' },
  'add-to-tenant': { verb: 'Add to tenant', done: 'Added to the tenant', needs: 'tenant' },
  'remove-from-tenant': { verb: 'Remove from tenant', done: 'Removed from the tenant', needs: 'tenant' },
} as const satisfies Record<string, { verb: string; done: string; needs: 'scope' | 'tenant' | null }>;

export type BulkAction = keyof typeof BULK_ACTIONS;

/** A row's outcome: changed, already so, or left as it was with a reason. */
export const BULK_OUTCOMES = ['done', 'unchanged', 'refused'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];
