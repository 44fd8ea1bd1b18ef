import { requireOperation } from '@/lib/auth/session';

/**
 * Imports are a system admin's: checked here, above the loading states, so a tenant admin (whom
 * the admin layout lets in) gets the forbidden page with a real 403, not a 200 fixed by a
 * streamed loading state. The form page sits in the (form) group so that its loading state
 * does not wrap [id]/layout.tsx, whose 404 must be real too.
 */
export default async function ImportLayout({ children }: { children: React.ReactNode }) {
  await requireOperation('users.import');
  return children;
}
