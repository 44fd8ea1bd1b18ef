import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requireAdmin();
  return <ComingSoon title="Users" description="Find, create, edit, suspend and delete users." plan="Searching, filtering and editing users arrives with the users capability. The API's /api/v1/me already works." />;
}
