import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireAdmin();
  return <ComingSoon title="Settings" description="System configuration." plan="Password policy, sign-up and mail settings arrive with the settings capability." />;
}
