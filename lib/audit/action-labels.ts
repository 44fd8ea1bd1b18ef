/**
 * An action as people read it: "user.updated" -> "User updated". The one place the table, its
 * filter and the export's readers take labels from; a curated list of actions can replace the
 * rule here without touching its callers.
 */
export function auditActionLabel(action: string): string {
  const words = action.replaceAll('.', ' ').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
