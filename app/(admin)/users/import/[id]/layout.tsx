import { requireOperation } from '@/lib/auth/session';
import { getImport } from '@/lib/imports';
import { foundOrNotFound } from '@/lib/pages/not-found';

/**
 * An unknown import (or one another admin may not see) answers a real 404: checked here, above
 * loading.tsx, whose streamed state would fix the status at 200. The not-found page is
 * import/not-found.tsx, one level up, where a layout's notFound() lands.
 */
export default async function ImportJobLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const principal = await requireOperation('users.import');
  const { id } = await params;
  await foundOrNotFound(() => getImport(id, principal));
  return children;
}
