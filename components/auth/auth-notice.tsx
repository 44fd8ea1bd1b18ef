import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';

/** The end of a sign-in side flow ("password changed", "this link is dead"): a heading, what happened, and the one link to go on with. */
export function AuthNotice({ title, children, link }: { title: string; children: React.ReactNode; link: { href: string; label: string } }) {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold text-slate-900">{title}</h1>
      <div className="space-y-2 text-sm text-slate-600">{children}</div>
      <Link href={link.href} className={buttonClassName('primary', 'mt-6 w-full')}>
        {link.label}
      </Link>
    </>
  );
}
