import { AppShell } from '@/components/shell/app-shell';
import { requireAdmin } from '@/lib/auth/session';

// Checked here, before the page streams, so a non-admin gets a real 403 status. Pages
// check again: a layout is not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  return <AppShell principal={await requireAdmin()}>{children}</AppShell>;
}
