import Link from 'next/link';
import { mayAttempt, type Operation } from '@/lib/access/matrix';
import type { Principal } from '@/lib/auth/principal';
import { displayName } from '@/lib/users/users';
import { NavLinks, type NavItem } from './nav-links';
import { SignOutButton } from './sign-out-button';

type ShellNavItem = NavItem & { shownTo: (principal: Principal) => boolean };

const may = (operation: Operation) => (principal: Principal) => mayAttempt(operation, principal);

/** Each page is listed for whoever may open it, so a tenant admin sees no link that ends in a 403. */
const NAV: ShellNavItem[] = [
  { href: '/users', label: 'Users', shownTo: may('users.list') },
  { href: '/tenants', label: 'Tenants', shownTo: may('tenants.list') },
  { href: '/resources', label: 'Resources', shownTo: may('resources.list') },
  { href: '/audit', label: 'Audit', shownTo: may('audit.read') },
  { href: '/settings', label: 'Settings', shownTo: may('settings.manage') },
  { href: '/account', label: 'Account', shownTo: () => true },
];

export function AppShell({ principal, children }: { principal: Principal; children: React.ReactNode }) {
  const { user } = principal;
  const nav = NAV.filter((item) => item.shownTo(principal)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[96rem] items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
            Gatehouse
          </Link>
          <div className="flex min-w-0 items-center gap-3">
            <div className="min-w-0 text-right text-sm" data-testid="signed-in-user">
              <p className="truncate font-medium text-slate-900">{displayName(user)}</p>
              <p className="hidden truncate text-slate-500 sm:block">{user.email}</p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-[96rem] flex-col gap-6 px-4 py-6 sm:px-6 md:flex-row">
        <nav aria-label="Main" className="md:w-48 md:shrink-0">
          <NavLinks items={nav} />
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
      <footer className="mx-auto max-w-[96rem] border-t border-slate-200 px-4 py-4 text-sm sm:px-6">
        {/* A full page load, not a client navigation: /docs/api's policy admits its renderer's styles (proxy.ts). */}
        <a href="/docs/api" className="text-slate-600 underline hover:text-slate-900">
          API reference
        </a>
      </footer>
    </div>
  );
}
