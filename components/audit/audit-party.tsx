import Link from 'next/link';
import type { AuditPerson } from '@/lib/audit/query';

/** An actor or target: a user by name (linked to their page, email beneath), anything else by its id; `fallback` when there is none. */
export function AuditParty({ id, person, fallback }: { id: string | null; person: AuditPerson | null; fallback: string }) {
  if (person) {
    return (
      <span className="block max-w-56">
        <Link href={`/users/${person.id}`} className="block truncate font-medium text-indigo-700 hover:underline" title={person.name}>
          {person.name}
        </Link>
        <span className="block truncate text-xs text-slate-500" title={person.email}>
          {person.email}
        </span>
      </span>
    );
  }
  if (!id) return <span className="text-slate-500">{fallback}</span>;
  return (
    <span className="block max-w-56 truncate font-mono text-xs" title={id}>
      {id}
    </span>
  );
}
