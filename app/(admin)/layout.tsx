import { AppShell } from '@/components/shell/app-shell';
import { Toaster } from '@/components/ui/toast';
import { requireOperation } from '@/lib/auth/session';

// Checked here, before the page streams, so a plain user gets a real 403 status. The admin pages
// are for those who manage users: system admins and tenant admins (users.list has that reach).
// Pages check again, for their own operation: a layout is not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // The toasts live above the pages, so one shown just before a navigation stays on screen.
  return (
    <Toaster>
      <AppShell principal={await requireOperation('users.list')}>{children}</AppShell>
    </Toaster>
  );
}
