import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { requireReadableUser } from '@/lib/access/tenant-scope';

/**
 * An unknown user, or another tenant's, answers a real 404: checked here, above this page's
 * loading.tsx, because a streamed loading state fixes the status at 200. The not-found page is
 * users/[id]/not-found.tsx, one level up, where a layout's notFound() lands. The deletion page
 * is outside this group: it works after the user row is gone.
 */
export default async function UserLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const principal = await requireOperation('users.read');
  const { id } = await params;
  await foundOrNotFound(() => requireReadableUser(principal, id));
  return children;
}
