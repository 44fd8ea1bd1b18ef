import Link from 'next/link';
import type { FieldError } from '@/lib/api/errors';

/** A list URL the server refused (an unknown filter or sort typed into the address bar), said plainly. */
export function UsersQueryError({ errors }: { errors: FieldError[] }) {
  return (
    <div role="alert" aria-label="This list cannot be shown" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">This list cannot be shown:</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((error) => (
          <li key={`${error.path}:${error.message}`}>{error.message}</li>
        ))}
      </ul>
      <Link href="/users" className="mt-3 inline-block font-medium text-red-900 underline">
        Show all users
      </Link>
    </div>
  );
}
