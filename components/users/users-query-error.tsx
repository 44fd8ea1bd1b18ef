import Link from 'next/link';
import type { FieldError } from '@/lib/api/errors';

type ShowAll = { href: string; label: string };

/** A list URL the server refused (an unknown filter or sort typed into the address bar), said plainly, with a way back to the whole list. */
export function UsersQueryError({ errors, showAll = { href: '/users', label: 'Show all users' } }: { errors: FieldError[]; showAll?: ShowAll }) {
  return (
    <div role="alert" aria-label="This list cannot be shown" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">This list cannot be shown:</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((error) => (
          <li key={`${error.path}:${error.message}`}>{error.message}</li>
        ))}
      </ul>
      <Link href={showAll.href} className="mt-3 inline-block font-medium text-red-900 underline">
        {showAll.label}
      </Link>
    </div>
  );
}
