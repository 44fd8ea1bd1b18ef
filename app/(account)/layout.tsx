import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';

/** Pages every signed-in user may see, admin or not. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  return <AppShell principal={await requireUser()}>{children}</AppShell>;
}
