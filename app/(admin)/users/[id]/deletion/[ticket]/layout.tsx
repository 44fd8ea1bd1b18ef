import { requireOperation } from '@/lib/auth/session';
import { getDeletionStatus } from '@/lib/deletion/requests';
import { foundOrNotFound } from '@/lib/pages/not-found';

/**
 * An unknown ticket (or one of another user) answers a real 404: checked here, above
 * loading.tsx, because a streamed loading state fixes the status at 200. The not-found page is
 * deletion/not-found.tsx, one level up, where a layout's notFound() lands.
 */
export default async function DeletionLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string; ticket: string }> }) {
  await requireOperation('users.delete');
  const { id, ticket } = await params;
  await foundOrNotFound(() => getDeletionStatus(id, ticket));
  return children;
}
