'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/pages/cn';

const TABS = [
  { href: '/settings', label: 'Password policy' },
  { href: '/settings/mail', label: 'Mail' },
  { href: '/settings/audit', label: 'Audit' },
  { href: '/settings/inactivity', label: 'Inactivity' },
  { href: '/settings/webhooks', label: 'Webhooks' },
];

/** The settings pages, as tabs: links, so each has its own address. */
export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href} className="shrink-0">
              <Link
                href={tab.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block border-b-2 px-3 py-2 text-sm font-medium',
                  current ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
