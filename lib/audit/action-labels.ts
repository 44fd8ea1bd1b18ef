import { AUDIT_ACTIONS, type AuditAction } from './actions';

/**
 * An action as people read it, from the one list of actions (lib/audit/actions.ts); an action
 * no longer in the list (an old event's) reads as its words: "user.updated" -> "User updated".
 */
export function auditActionLabel(action: string): string {
  const listed = AUDIT_ACTIONS[action as AuditAction] as string | undefined;
  if (listed) return listed;
  const words = action.replaceAll('.', ' ').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
