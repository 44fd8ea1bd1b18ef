import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { getResource } from '@/lib/permissions/resources';

/**
 * An unknown resource, or another tenant's, answers a real 404: checked here, above
 * loading.tsx, because a streamed loading state fixes the status at 200. The not-found page is
 * resources/not-found.tsx, one level up, where a layout's notFound() lands.
 */
export default async function ResourceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const principal = await requireOperation('permissions.read');
  const { id } = await params;
  await foundOrNotFound(() => getResource(principal, id));
  return children;
}
